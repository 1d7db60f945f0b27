/**
 * The interview time of a calendar invitation: the start of the first event of an iCalendar file
 * (RFC 5545) whose METHOD is REQUEST (or absent, as some senders attach a bare event). Parsed with
 * ical.js (Mozilla's iCalendar library); a CANCEL or a reply carries no interview to record. A start in a
 * zone the file does not define is read as UTC.
 */
import ICAL from 'ical.js';

/** The start (ISO 8601, UTC) of the event an .ics invites to, or undefined when it invites to none. */
export function invitationStart(ics: string): string | undefined {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(ics));
  } catch {
    return undefined;
  }
  const method = calendar.getFirstPropertyValue('method');
  if (method && String(method).toUpperCase() !== 'REQUEST') return undefined;
  // A start given in a named zone (DTSTART;TZID=…) is read with the VTIMEZONE the file carries.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) return undefined;
  const event = new ICAL.Event(vevent);
  if (!event.startDate) return undefined;
  return event.startDate.toJSDate().toISOString();
}
