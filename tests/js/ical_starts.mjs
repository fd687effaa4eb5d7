// Reads an iCalendar file with ical.js (the parser of Thunderbird and many web
// calendars), with only the file's own VTIMEZONEs, and prints as JSON:
//   events:  per UID, its zone and the UTC instants (Unix seconds) of its first COUNT
//            occurrences;
//   offsets: per zone of TIMES (a JSON file {tzid: ["YYYY-MM-DDTHH:MM:SS"]}, local
//            times), the UTC offset (seconds) ical.js gives each.
//   node tests/js/ical_starts.mjs FILE COUNT [TIMES]
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [file, count, timesFile] = process.argv.slice(2);
const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
// Only the file's definitions: ical.js knows no zone by itself but UTC.
const zones = {};
for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
  const zone = new ICAL.Timezone(vtimezone);
  ICAL.TimezoneService.register(zone);
  zones[zone.tzid] = zone;
}
const events = {};
for (const vevent of calendar.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(vevent);
  const iterator = event.iterator();
  const starts = [];
  for (let next = iterator.next(); next && starts.length < Number(count); next = iterator.next()) {
    starts.push(next.toUnixTime());
  }
  events[event.uid] = { tzid: event.startDate.zone.tzid, starts };
}
const offsets = {};
if (timesFile) {
  for (const [tzid, times] of Object.entries(JSON.parse(readFileSync(timesFile, "utf8")))) {
    offsets[tzid] = times.map((local) =>
      zones[tzid].utcOffset(ICAL.Time.fromDateTimeString(local)),
    );
  }
}
process.stdout.write(JSON.stringify({ events, offsets }));
