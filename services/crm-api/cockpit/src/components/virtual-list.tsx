import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/** What a virtual list needs: its rows, how to draw one, and what happens near the end. */
export interface VirtualListProps<T> {
  readonly items: readonly T[];
  readonly rowHeight: number;
  readonly activeIndex: number;
  readonly label: string;
  readonly idOf: (item: T) => string;
  readonly renderRow: (item: T, index: number, active: boolean) => ComponentChildren;
  readonly onActivate: (index: number) => void;
  readonly onKeyDown: (event: KeyboardEvent) => void;
  /** Called when the rows drawn come near the end of those loaded. */
  readonly onNearEnd: () => void;
  /** Whether more rows exist beyond those loaded (for aria-setsize). */
  readonly hasMore: boolean;
}

const OVERSCAN = 6;

/**
 * A listbox that draws only the rows in view (plus a few either side), so 100,000 loaded rows cost
 * the same to scroll as 20. Focus stays on the list; the active row is `aria-activedescendant` and
 * is kept in view as it moves.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const { items, rowHeight, activeIndex } = props;

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  // Keep the active row in view when the keyboard moves it.
  useEffect(() => {
    const element = viewport.current;
    if (!element || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
  }, [activeIndex, rowHeight]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);

  useEffect(() => {
    if (props.hasMore && last >= items.length - OVERSCAN * 2) props.onNearEnd();
  }, [last, items.length, props.hasMore]);

  const rows = [];
  for (let index = first; index < last; index++) {
    const item = items[index] as T;
    const active = index === activeIndex;
    rows.push(
      // Keys reach the rows through the listbox, which owns focus (the aria-activedescendant pattern).
      // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keys of its rows
      <div
        key={props.idOf(item)}
        id={`row-${index}`}
        role="option"
        tabIndex={-1}
        aria-selected={active}
        aria-posinset={index + 1}
        aria-setsize={props.hasMore ? -1 : items.length}
        class={active ? 'row active' : 'row'}
        style={{ transform: `translateY(${index * rowHeight}px)`, height: `${rowHeight}px` }}
        onClick={() => props.onActivate(index)}
      >
        {props.renderRow(item, index, active)}
      </div>,
    );
  }
  return (
    <div
      ref={viewport}
      class="virtual-list"
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-activedescendant={activeIndex >= 0 && activeIndex < items.length ? `row-${activeIndex}` : undefined}
      onScroll={(event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop)}
      onKeyDown={props.onKeyDown}
    >
      <div class="virtual-list-space" style={{ height: `${items.length * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
