// Reads an iCalendar file with ical.js (the parser of Thunderbird and many web
// calendars) and prints, per event, its UID and the UTC instants (Unix seconds) of its
// first occurrences, as ical.js computes them from the file's own VTIMEZONEs.
//   node tests/js/ical_starts.mjs FILE COUNT
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [file, count] = process.argv.slice(2);
const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
// Only the file's definitions: ical.js knows no zone by itself but UTC.
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
}
const result = {};
for (const vevent of calendar.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(vevent);
  const iterator = event.iterator();
  const starts = [];
  for (let next = iterator.next(); next && starts.length < Number(count); next = iterator.next()) {
    starts.push(next.toUnixTime());
  }
  result[event.uid] = { tzid: event.startDate.zone.tzid, starts };
}
process.stdout.write(JSON.stringify(result));
