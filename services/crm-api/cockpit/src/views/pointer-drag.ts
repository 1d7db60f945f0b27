import { useRef, useState } from 'preact/hooks';

/** Pixels a pointer must travel before a press becomes a drag (so clicks stay clicks). */
const DRAG_THRESHOLD = 6;

/** The state of a card drag and how to start one. */
export interface PointerDrag {
  readonly draggingJobId: string | undefined;
  readonly overStage: string | undefined;
  readonly offsetStyle: Record<string, string>;
  start(event: PointerEvent, jobId: string): void;
}

/** The stage of the column under a point, if any. */
function stageAt(x: number, y: number): string | undefined {
  return document.elementFromPoint(x, y)?.closest<HTMLElement>('.column[data-stage]')?.dataset.stage;
}

/**
 * Drag and drop with pointer events (mouse, pen and touch alike, unlike HTML5 drag and drop): the card
 * follows the pointer and `onDrop(jobId, stage)` is called with the column it is released over.
 */
export function usePointerDrag(onDrop: (jobId: string, stage: string | undefined) => void): PointerDrag {
  const [draggingJobId, setDragging] = useState<string | undefined>();
  const [overStage, setOver] = useState<string | undefined>();
  const [offset, setOffset] = useState({ x: 0, y: 0 });
  const pressed = useRef<{ jobId: string; x: number; y: number; moved: boolean } | undefined>(undefined);

  const start = (event: PointerEvent, jobId: string) => {
    if (event.button !== 0 || (event.target as HTMLElement).closest('input, button')) return;
    const card = event.currentTarget as HTMLElement;
    pressed.current = { jobId, x: event.clientX, y: event.clientY, moved: false };
    card.setPointerCapture(event.pointerId);
    const move = (moveEvent: PointerEvent) => {
      const press = pressed.current;
      if (!press) return;
      const dx = moveEvent.clientX - press.x;
      const dy = moveEvent.clientY - press.y;
      if (!press.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      press.moved = true;
      setDragging(press.jobId);
      setOffset({ x: dx, y: dy });
      setOver(stageAt(moveEvent.clientX, moveEvent.clientY));
    };
    const end = (upEvent: PointerEvent) => {
      card.removeEventListener('pointermove', move);
      card.removeEventListener('pointerup', end);
      card.removeEventListener('pointercancel', end);
      const press = pressed.current;
      pressed.current = undefined;
      setDragging(undefined);
      setOver(undefined);
      setOffset({ x: 0, y: 0 });
      // The dragged card is under the pointer: look past it for the column.
      if (press?.moved && upEvent.type === 'pointerup') {
        card.style.visibility = 'hidden';
        const stage = stageAt(upEvent.clientX, upEvent.clientY);
        card.style.visibility = '';
        onDrop(press.jobId, stage);
      }
    };
    card.addEventListener('pointermove', move);
    card.addEventListener('pointerup', end);
    card.addEventListener('pointercancel', end);
  };

  return {
    draggingJobId,
    overStage,
    offsetStyle: { transform: `translate(${offset.x}px, ${offset.y}px)` },
    start,
  };
}
