/**
 * Turning what people call a place ("karachi", "dubai", "new york", "لندن", "utc+5", "UK") into an
 * IANA zone for set_timezone: the one place-to-zone table, shared by the offline parser (a zone
 * named inside a sentence) and the set_timezone tool (an answer that is only the place). Anything
 * the runtime's Intl knows is accepted too, in any letter case, and so is any city in an IANA name.
 */
import { lruCache } from '../core/lru.ts';
import { isValidTimeZone } from '../core/zoned-time.ts';
import { LETTER_RANGES } from './work-text.ts';
import { readUtcOffset } from './utc-offset.ts';

const CITY_ZONES: ReadonlyArray<[string, string]> = [
  ['karachi|lahore|islamabad|rawalpindi|peshawar|quetta|multan|faisalabad|pakistan|pkt|sialkot|hyderabad pakistan|کراچی|لاہور|اسلام آباد|پاکستان|پشاور|ملتان|کوئٹہ|فیصل آباد|راولپنڈی', 'Asia/Karachi'],
  ['dubai|abu dhabi|uae|sharjah|emirates|gst|دبئی|ابوظہبی|امارات', 'Asia/Dubai'],
  ['london|uk|england|britain|united kingdom|gmt|bst|manchester|birmingham|edinburgh|لندن|برطانیہ|انگلینڈ', 'Europe/London'],
  ['new york|nyc|boston|washington|miami|atlanta|eastern|est|edt|toronto|philadelphia|نیویارک|نیو یارک', 'America/New_York'],
  ['canada', 'America/Toronto'],
  ['chicago|central|cst|cdt|dallas|houston|austin|texas', 'America/Chicago'],
  ['denver|mountain|mst|mdt', 'America/Denver'],
  ['los angeles|san francisco|seattle|las vegas|pacific|pst|pdt|california|vancouver', 'America/Los_Angeles'],
  ['riyadh|jeddah|mecca|makkah|medina|saudi|saudi arabia|ksa|ریاض|جدہ|مکہ|سعودی', 'Asia/Riyadh'],
  ['doha|qatar|دوحہ|قطر', 'Asia/Qatar'],
  ['muscat|oman|مسقط', 'Asia/Muscat'],
  ['kuwait|کویت', 'Asia/Kuwait'],
  ['bahrain|manama', 'Asia/Bahrain'],
  ['delhi|new delhi|mumbai|india|bangalore|kolkata|chennai|ist|دہلی|ممبئی|انڈیا|بھارت', 'Asia/Kolkata'],
  ['dhaka|bangladesh|ڈھاکہ', 'Asia/Dhaka'],
  ['kabul|afghanistan|کابل', 'Asia/Kabul'],
  ['tehran|iran|تہران', 'Asia/Tehran'],
  ['istanbul|turkey|ankara|استنبول|ترکی', 'Europe/Istanbul'],
  ['paris|france|پیرس', 'Europe/Paris'],
  ['berlin|germany|frankfurt|munich', 'Europe/Berlin'],
  ['madrid|spain|barcelona', 'Europe/Madrid'],
  ['rome|italy|milan', 'Europe/Rome'],
  ['amsterdam|netherlands', 'Europe/Amsterdam'],
  ['moscow|russia', 'Europe/Moscow'],
  ['cairo|egypt', 'Africa/Cairo'],
  ['nairobi|kenya', 'Africa/Nairobi'],
  ['lagos|nigeria', 'Africa/Lagos'],
  ['johannesburg|south africa|cape town', 'Africa/Johannesburg'],
  ['singapore', 'Asia/Singapore'],
  ['kuala lumpur|malaysia', 'Asia/Kuala_Lumpur'],
  ['bangkok|thailand', 'Asia/Bangkok'],
  ['jakarta|indonesia', 'Asia/Jakarta'],
  ['hong kong', 'Asia/Hong_Kong'],
  ['beijing|shanghai|china', 'Asia/Shanghai'],
  ['tokyo|japan|osaka', 'Asia/Tokyo'],
  ['seoul|korea', 'Asia/Seoul'],
  ['sydney|melbourne|canberra|australia', 'Australia/Sydney'],
  ['perth', 'Australia/Perth'],
  ['auckland|new zealand', 'Pacific/Auckland'],
  ['sao paulo|brazil', 'America/Sao_Paulo'],
  ['mexico city|mexico', 'America/Mexico_City'],
  ['utc|universal|zulu', 'UTC'],
];

const CITY_RES: ReadonlyArray<[RegExp, string]> = CITY_ZONES.map(([names, zone]) => [
  new RegExp(`(?<![${LETTER_RANGES}])(?:${names.replace(/ /g, '\\s*')})(?![${LETTER_RANGES}])`, 'i'),
  zone,
]);
const IANA = /\b((?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/[A-Za-z_]+(?:-[A-Za-z_]+)*(?:[+-]\d{1,2})?(?:\/[A-Za-z_]+(?:-[A-Za-z_]+)*)?)(?![\w/])/i;

let cityIndex: Map<string, string> | undefined;
/** "new york" → America/New_York for every zone Intl lists (built once, on first use). */
function zoneOfCity(city: string): string | undefined {
  if (!cityIndex) {
    cityIndex = new Map();
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const name = zone.split('/').pop()!.replace(/_/g, ' ').toLowerCase();
      if (!cityIndex.has(name)) cityIndex.set(name, zone);
    }
  }
  return cityIndex.get(city.replace(/_/g, ' ').toLowerCase());
}

/** Answers by what was asked; '' remembers "not a zone" (the cache holds no undefined). */
const canonicalCache = lruCache<string, string>({ max: 1024 });
let listedZones: Map<string, string> | undefined;

/**
 * The usual spelling of a zone Intl accepts in any case: "asia/karachi" → "Asia/Karachi". An
 * IANA name ICU files under an older alias keeps the name the person used ("Asia/Kolkata").
 */
function canonicalZone(zone: string): string | undefined {
  // Asking Intl about a name that is not a zone throws, which is slow: remember every answer.
  const cached = canonicalCache.get(zone);
  if (cached !== undefined) return cached || undefined;
  const found = lookUpZone(zone);
  canonicalCache.set(zone, found ?? '');
  return found;
}

function lookUpZone(zone: string): string | undefined {
  if (!isValidTimeZone(zone)) return undefined;
  const lower = zone.toLowerCase();
  listedZones ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
  const listed = listedZones.get(lower);
  if (listed) return listed;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  if (resolved.toLowerCase() === lower || !zone.includes('/')) return resolved;
  return zone.split('/').map((p) => p.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('_')).join('/');
}

/** A reply that is nothing but a zone or place: "asia/karachi", "UK", "Lahore", "new york", "CET". */
function zoneOfWholeName(name: string): string | undefined {
  if (name.includes('/')) return canonicalZone(name);
  for (const [re, zone] of CITY_RES) {
    const m = re.exec(name);
    if (m && m.index === 0 && m[0].length === name.length) return zone;
  }
  return zoneOfCity(name) ?? canonicalZone(name);
}

/**
 * The IANA zone the text names, or undefined when no place or zone is recognisable. The text may
 * be just the place (the set_timezone tool's input, a /timezone argument) or a sentence ("change
 * my timezone to london"). A UTC offset ("UTC+5:30") decides alone (see utc-offset.ts): one that is
 * not real gives undefined rather than a place ("GMT-14" is not London). Otherwise a whole name or
 * place wins, then an IANA name in the sentence, then the last place named.
 */
export function findTimeZone(text: string): string | undefined {
  const whole = text.trim().replace(/\s+/g, ' ');
  const offset = readUtcOffset(whole, true);
  if (offset) return offset.ok ? offset.zone : undefined;
  const named = whole && whole.length <= 64 ? zoneOfWholeName(whole) : undefined;
  if (named) return named;
  const iana = IANA.exec(text);
  const ianaZone = iana?.[1] ? canonicalZone(iana[1]) : undefined;
  if (ianaZone) return ianaZone;
  let best: { zone: string; index: number } | undefined;
  for (const [re, zone] of CITY_RES) {
    const m = re.exec(text);
    if (m && (!best || m.index > best.index)) best = { zone, index: m.index };
  }
  return best?.zone;
}

/**
 * The set_timezone param for what the person wrote: the zone, or, for a UTC offset that cannot be
 * used, the offset as written, so the tool refuses it by name instead of asking "which zone?".
 */
export function timeZoneParam(text: string): string | undefined {
  const zone = findTimeZone(text);
  if (zone) return zone;
  const offset = readUtcOffset(text.trim(), true);
  return offset && !offset.ok ? offset.text : undefined;
}
