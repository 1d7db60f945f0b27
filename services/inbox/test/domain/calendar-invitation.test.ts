import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { invitationStart } from '../../src/domain/calendar-invitation.js';

const invite = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'interview-invite.ics'), 'utf8');

describe('invitationStart', () => {
  it('gives the start of an invitation in its own time zone, as UTC (15:00 in Berlin in December is 14:00Z)', () => {
    assert.equal(invitationStart(invite), '2026-12-10T14:00:00.000Z');
  });

  it('reads a start given in UTC', () => {
    const utc = invite.replace('DTSTART;TZID=Europe/Berlin:20261210T150000', 'DTSTART:20261210T093000Z');
    assert.equal(invitationStart(utc), '2026-12-10T09:30:00.000Z');
  });

  it('finds no interview in a cancellation, a calendar without events, or text that is no calendar', () => {
    assert.equal(invitationStart(invite.replace('METHOD:REQUEST', 'METHOD:CANCEL')), undefined);
    assert.equal(invitationStart('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n'), undefined);
    assert.equal(invitationStart('not a calendar'), undefined);
  });
});
