import { randomUUID } from 'node:crypto';

/** Time, through a port so tests control it. */
export interface Clock {
  now(): Date;
}

/** Ids, through a port so tests can make them deterministic. */
export interface IdGenerator {
  uuid(): string;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Random v4 UUIDs. */
export const randomIds: IdGenerator = { uuid: () => randomUUID() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-01-01T00:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(date: Date): void {
    this.current = new Date(date);
  }
}
