/**
 * Extraction quality on the labelled corpus (services/parser/corpus): skills F1 (goal ≥ 0.85) and the
 * share of items whose years of experience come out exactly as a person read them (goal ≥ 0.95).
 * Quality figures, not timings: they do not depend on the machine.
 */
import { evaluateExtraction, readExtractionCorpus } from '@jobpipe/parser';

export default async function extraction(): Promise<Record<string, number>> {
  const report = evaluateExtraction(readExtractionCorpus());
  return {
    'extraction.skillsF1': report.fields.skills!.f1,
    'extraction.skillsPrecision': report.fields.skills!.precision,
    'extraction.skillsRecall': report.fields.skills!.recall,
    'extraction.experienceAccuracy': report.fields.experience!.accuracy,
    'extraction.employmentTypeAccuracy': report.fields.employmentType!.accuracy,
  };
}
