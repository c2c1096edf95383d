import { isValidTimeZone } from '../core/zoned-time.ts';

// Places people name that are not the city in their zone's IANA name.
const ALIASES: Record<string, string> = {
  pakistan: 'Asia/Karachi', lahore: 'Asia/Karachi', islamabad: 'Asia/Karachi', rawalpindi: 'Asia/Karachi', peshawar: 'Asia/Karachi',
  faisalabad: 'Asia/Karachi', multan: 'Asia/Karachi', quetta: 'Asia/Karachi', pkt: 'Asia/Karachi',
  india: 'Asia/Kolkata', delhi: 'Asia/Kolkata', 'new delhi': 'Asia/Kolkata', mumbai: 'Asia/Kolkata', bangalore: 'Asia/Kolkata', ist: 'Asia/Kolkata',
  uk: 'Europe/London', england: 'Europe/London', manchester: 'Europe/London', birmingham: 'Europe/London',
  uae: 'Asia/Dubai', 'abu dhabi': 'Asia/Dubai', saudi: 'Asia/Riyadh', jeddah: 'Asia/Riyadh', mecca: 'Asia/Riyadh', makkah: 'Asia/Riyadh',
  'san francisco': 'America/Los_Angeles', seattle: 'America/Los_Angeles', 'las vegas': 'America/Los_Angeles',
  boston: 'America/New_York', washington: 'America/New_York', miami: 'America/New_York', atlanta: 'America/New_York',
  houston: 'America/Chicago', dallas: 'America/Chicago', austin: 'America/Chicago',
  germany: 'Europe/Berlin', munich: 'Europe/Berlin', france: 'Europe/Paris', spain: 'Europe/Madrid', italy: 'Europe/Rome',
  japan: 'Asia/Tokyo', china: 'Asia/Shanghai', beijing: 'Asia/Shanghai', bangladesh: 'Asia/Dhaka', turkey: 'Europe/Istanbul',
  canada: 'America/Toronto', australia: 'Australia/Sydney', utc: 'UTC', gmt: 'UTC',
  'کراچی': 'Asia/Karachi', 'لاہور': 'Asia/Karachi', 'اسلام آباد': 'Asia/Karachi', 'پاکستان': 'Asia/Karachi', 'لندن': 'Europe/London', 'دبئی': 'Asia/Dubai',
};

let byCity: Map<string, string> | undefined;
function cityIndex(): Map<string, string> {
  if (!byCity) {
    byCity = new Map();
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const city = zone.split('/').pop()!.replace(/_/g, ' ').toLowerCase();
      if (!byCity.has(city)) byCity.set(city, zone);
    }
  }
  return byCity;
}

/**
 * Finds the IANA zone a person means: an exact IANA name in any letter case ("asia/karachi"), a
 * city in a zone name ("new york"), or a common alias ("Lahore", "UK"). Null when unknown.
 */
export function lookupTimeZone(input: string): string | null {
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text || text.length > 64) return null;
  if (isValidTimeZone(text) && text.includes('/')) return canonical(text);
  const lower = text.toLowerCase();
  if (ALIASES[lower]) return ALIASES[lower];
  if (lower.includes('/')) {
    const match = Intl.supportedValuesOf('timeZone').find((z) => z.toLowerCase() === lower);
    if (match) return match;
  }
  return cityIndex().get(lower.replace(/_/g, ' ')) ?? (isValidTimeZone(text) ? canonical(text) : null);
}

function canonical(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}
