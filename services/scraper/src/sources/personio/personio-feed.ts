import { DomUtils, parseDocument } from 'htmlparser2';

/** One `<position>` of a Personio XML feed: its id and its element as XML text. */
export interface PersonioPosition {
  readonly id: string;
  readonly xml: string;
}

/**
 * The positions of a Personio XML feed (`<workzag-jobs><position>…</position>…</workzag-jobs>`), each kept
 * as its own `<position>` element (CDATA descriptions intact), so one position is one raw body. Throws when
 * the answer is not such a feed.
 */
export function personioPositions(xml: string): PersonioPosition[] {
  const document = parseDocument(xml, { xmlMode: true });
  const root = document.children.find(DomUtils.isTag);
  if (root?.name !== 'workzag-jobs') throw new Error(`personio: expected a <workzag-jobs> feed, got ${root ? `<${root.name}>` : 'no XML'}`);
  return root.children.filter(DomUtils.isTag).flatMap((position) => {
    if (position.name !== 'position') return [];
    const id = DomUtils.textContent(position.children.filter(DomUtils.isTag).find((child) => child.name === 'id') ?? []).trim();
    return [{ id, xml: DomUtils.getOuterHTML(position, { xmlMode: true }) }];
  });
}
