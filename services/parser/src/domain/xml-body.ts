import { DomUtils, parseDocument } from 'htmlparser2';
import { PostingRejected } from './rejection.js';

/** An XML element, as htmlparser2's DOM holds it. */
type XmlElement = NonNullable<ReturnType<typeof DomUtils.findOne>>;

/** The start of a body that is XML rather than HTML: a declaration, or the feed or element of a known XML source. */
export const XML_START = /^\s*(?:<\?xml\b|<workzag-jobs\b|<position\b)/;

/** An element as a plain value: its text when it holds no elements, else its children by name (repeated names as arrays). */
function plainValueOf(element: XmlElement): unknown {
  const children = element.children.filter(DomUtils.isTag);
  if (children.length === 0) return DomUtils.textContent(element);
  const node: Record<string, unknown> = {};
  for (const child of children) {
    const value = plainValueOf(child);
    const existing = node[child.name];
    node[child.name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return node;
}

/**
 * Reads an XML body into the plain shape the source modules detect (as they do JSON): `{ <root>: value }`,
 * an element's text (CDATA included) where it holds no elements, its children by name otherwise.
 */
export function parseXmlBody(text: string): Record<string, unknown> {
  const root = parseDocument(text, { xmlMode: true }).children.find(DomUtils.isTag);
  if (!root) throw new PostingRejected('XML_INVALID', 'body is XML without a root element');
  return { [root.name]: plainValueOf(root) };
}
