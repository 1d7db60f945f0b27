import type { CorpusPosting } from './corpus.js';

const SEEN_DAY = '2026-07-01';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The posting as its source's API or page sends it, so evaluation goes through the real extractors. */
export function corpusBody(posting: CorpusPosting): { body: string; url: string; contentType?: string } {
  const slug = posting.id.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  switch (posting.source) {
    case 'mcf':
      return {
        url: `https://www.mycareersfuture.gov.sg/job/${slug}`,
        body: JSON.stringify({
          uuid: slug,
          title: posting.title,
          description: posting.description,
          minimumYearsExperience: null,
          skills: (posting.tags ?? []).map((skill, index) => ({ id: index + 1, skill, uuid: `${slug}-${index}` })),
          employmentTypes: (posting.employmentTypes ?? []).map((employmentType) => ({ employmentType })),
          positionLevels: [],
          postedCompany: { name: posting.company, uen: '201500000A' },
          address: { block: '1', street: 'Raffles Place', postalCode: '048616', isOverseas: false, districts: [] },
          salary: null,
          metadata: {
            newPostingDate: SEEN_DAY,
            expiryDate: '2026-07-31',
            isHideSalary: true,
            jobDetailsUrl: `https://www.mycareersfuture.gov.sg/job/${slug}`,
          },
        }),
      };
    case 'usajobs':
      return {
        url: `https://www.usajobs.gov/job/${slug}`,
        body: JSON.stringify({
          MatchedObjectId: slug,
          MatchedObjectDescriptor: {
            PositionID: slug,
            PositionTitle: posting.title,
            PositionURI: `https://www.usajobs.gov/job/${slug}`,
            OrganizationName: posting.company,
            PositionLocation: [
              {
                LocationName: 'Washington, District of Columbia',
                CityName: 'Washington, District of Columbia',
                CountryCode: 'United States',
                CountrySubDivisionCode: 'District of Columbia',
              },
            ],
            PositionSchedule: (posting.employmentTypes ?? []).map((Name) => ({ Name, Code: '1' })),
            QualificationSummary: posting.qualifications ?? '',
            PublicationStartDate: SEEN_DAY,
            ApplicationCloseDate: '2026-07-31',
            UserArea: { Details: { JobSummary: posting.description, MajorDuties: [], Requirements: '', Education: '' } },
          },
        }),
      };
    case 'greenhouse':
      return {
        url: `https://job-boards.greenhouse.io/${slug.split('-')[0]}/jobs/${slug}`,
        body: JSON.stringify({
          id: slug.length,
          internal_job_id: slug.length,
          title: posting.title,
          company_name: posting.company,
          absolute_url: `https://job-boards.greenhouse.io/board/jobs/${slug}`,
          location: { name: 'Remote' },
          content: posting.description.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
          updated_at: `${SEEN_DAY}T00:00:00-04:00`,
          metadata: null,
        }),
      };
    case 'lever':
      return {
        url: `https://jobs.lever.co/${slug.split('-')[0]}/${slug}`,
        body: JSON.stringify({
          id: slug,
          text: posting.title,
          hostedUrl: `https://jobs.lever.co/company/${slug}`,
          categories: { commitment: (posting.employmentTypes ?? [])[0], location: 'Remote' },
          description: posting.description,
          descriptionPlain: posting.description.replace(/<[^>]+>/g, ' '),
          lists: [],
          createdAt: Date.parse(SEEN_DAY),
          workplaceType: 'remote',
        }),
      };
    case 'jsonld': {
      const node = {
        '@context': 'https://schema.org',
        '@type': 'JobPosting',
        title: posting.title,
        identifier: { '@type': 'PropertyValue', value: slug },
        url: `https://careers.example/jobs/${slug}`,
        hiringOrganization: { '@type': 'Organization', name: posting.company },
        jobLocation: {
          '@type': 'Place',
          address: { '@type': 'PostalAddress', addressLocality: 'Austin', addressRegion: 'TX', addressCountry: 'US' },
        },
        datePosted: SEEN_DAY,
        ...(posting.employmentTypes ? { employmentType: posting.employmentTypes } : {}),
        ...(posting.tags ? { skills: posting.tags.join(', ') } : {}),
        description: posting.description,
      };
      return {
        url: `https://careers.example/jobs/${slug}`,
        contentType: 'text/html',
        body: `<!DOCTYPE html><html><head><title>${posting.title}</title><script type="application/ld+json">${JSON.stringify(node)}</script></head><body><h1>${posting.title}</h1></body></html>`,
      };
    }
    case 'workday':
      return {
        url: `https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/Careers/job/Austin-TX/${slug}`,
        body: JSON.stringify({
          jobPostingInfo: {
            id: slug,
            title: posting.title,
            jobDescription: posting.description,
            location: 'Austin, TX',
            startDate: SEEN_DAY,
            ...(posting.employmentTypes?.[0] ? { timeType: posting.employmentTypes[0] } : {}),
            externalUrl: `https://acme.wd5.myworkdayjobs.com/Careers/job/Austin-TX/${slug}`,
          },
          hiringOrganization: { name: posting.company },
        }),
      };
    case 'ashby': {
      const board = posting.company.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      return {
        url: `https://jobs.ashbyhq.com/${board}/${slug}`,
        body: JSON.stringify({
          id: slug,
          title: posting.title,
          location: 'Austin, TX',
          isListed: true,
          publishedAt: `${SEEN_DAY}T00:00:00.000+00:00`,
          ...(posting.employmentTypes?.[0] ? { employmentType: posting.employmentTypes[0] } : {}),
          jobUrl: `https://jobs.ashbyhq.com/${board}/${slug}`,
          descriptionHtml: posting.description,
          shouldDisplayCompensationOnJobPostings: false,
        }),
      };
    }
    case 'recruitee':
      return {
        url: `https://acme.recruitee.com/api/offers/${slug}`,
        body: JSON.stringify({
          id: slug,
          slug,
          title: posting.title,
          company_name: posting.company,
          city: 'Austin',
          state_name: 'TX',
          country: 'United States',
          ...(posting.employmentTypes?.[0] ? { employment_type_code: posting.employmentTypes[0] } : {}),
          description: posting.description,
          careers_url: `https://acme.recruitee.com/o/${slug}`,
          published_at: `${SEEN_DAY} 00:00:00 UTC`,
        }),
      };
    case 'workable':
      return {
        url: `https://apply.workable.com/api/v2/accounts/acme/jobs/${slug}`,
        body: JSON.stringify({
          shortcode: slug,
          title: posting.title,
          locations: [{ city: 'Austin', region: 'TX', country: 'United States', hidden: false }],
          published: `${SEEN_DAY}T00:00:00.000Z`,
          ...(posting.employmentTypes?.[0] ? { type: posting.employmentTypes[0] } : {}),
          workplace: 'on_site',
          description: posting.description,
        }),
      };
    case 'personio':
      return {
        url: `https://acme.jobs.personio.de/job/${slug}`,
        contentType: 'application/xml',
        body: `<position><id>${slug}</id><subcompany>${escapeXml(posting.company)}</subcompany><office>Austin, TX</office><name>${escapeXml(posting.title)}</name><jobDescriptions><jobDescription><name>Description</name><value><![CDATA[${posting.description}]]></value></jobDescription></jobDescriptions>${posting.employmentTypes?.[0] ? `<schedule>${escapeXml(posting.employmentTypes[0])}</schedule>` : ''}<createdAt>${SEEN_DAY}T00:00:00+00:00</createdAt></position>`,
      };
    case 'smartrecruiters':
      return {
        url: `https://api.smartrecruiters.com/v1/companies/acme/postings/${slug}`,
        body: JSON.stringify({
          id: slug,
          name: posting.title,
          company: { identifier: 'acme', name: posting.company },
          releasedDate: `${SEEN_DAY}T00:00:00.000Z`,
          location: { city: 'Austin', region: 'TX', country: 'us', remote: false },
          ...(posting.employmentTypes?.[0] ? { typeOfEmployment: { label: posting.employmentTypes[0] } } : {}),
          jobAd: { sections: { jobDescription: { title: 'Job Description', text: posting.description } } },
        }),
      };
  }
}
