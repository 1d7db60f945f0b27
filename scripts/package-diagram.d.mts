/** The generated package diagram block of docs/architecture.md (markers included), for the repository at `root`. */
export function packageDiagramBlock(root?: string): string;

/** The block as a doc holds it now (docs/architecture.md by default), or undefined when it has no markers. */
export function documentedBlock(doc?: string): string | undefined;
