/**
 * Turning what people call a place ("karachi", "dubai", "new york", "لندن", "utc+5") into an
 * IANA zone for set_timezone. Anything the runtime's Intl knows is accepted as written too.
 */
import { isValidTimeZone } from './zoned-time.ts';

const CITY_ZONES: ReadonlyArray<[string, string]> = [
  ['karachi|lahore|islamabad|rawalpindi|peshawar|quetta|multan|faisalabad|pakistan|pkt|sialkot|hyderabad pakistan|کراچی|لاہور|اسلام آباد|پاکستان|پشاور|ملتان|کوئٹہ|فیصل آباد|راولپنڈی', 'Asia/Karachi'],
  ['dubai|abu dhabi|uae|sharjah|emirates|gst|دبئی|ابوظہبی|امارات', 'Asia/Dubai'],
  ['london|uk|england|britain|united kingdom|gmt|bst|manchester|birmingham|edinburgh|لندن|برطانیہ|انگلینڈ', 'Europe/London'],
  ['new york|nyc|boston|washington|miami|atlanta|eastern|est|edt|toronto|philadelphia|نیویارک|نیو یارک', 'America/New_York'],
  ['chicago|central|cst|cdt|dallas|houston|texas', 'America/Chicago'],
  ['denver|mountain|mst|mdt', 'America/Denver'],
  ['los angeles|san francisco|seattle|pacific|pst|pdt|california|vancouver', 'America/Los_Angeles'],
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
  ['sydney|melbourne|canberra', 'Australia/Sydney'],
  ['perth', 'Australia/Perth'],
  ['auckland|new zealand', 'Pacific/Auckland'],
  ['sao paulo|brazil', 'America/Sao_Paulo'],
  ['mexico city|mexico', 'America/Mexico_City'],
  ['utc|universal|zulu', 'UTC'],
];

const CITY_RES: ReadonlyArray<[RegExp, string]> = CITY_ZONES.map(([names, zone]) => [
  new RegExp(`(?<![\\p{L}\\p{M}])(?:${names.replace(/ /g, '\\s*')})(?![\\p{L}\\p{M}])`, 'iu'),
  zone,
]);
const IANA = /\b((?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/[A-Za-z_]+(?:\/[A-Za-z_]+)?)\b/i;
const UTC_OFFSET = /\b(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?00)?\b/i;

/** The IANA zone named in the text, or undefined when no place or zone is recognisable. */
export function findTimeZone(text: string): string | undefined {
  const iana = IANA.exec(text);
  if (iana?.[1]) {
    const canonical = iana[1].split('/').map((p) => p.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('_')).join('/');
    for (const candidate of [iana[1], canonical]) if (isValidTimeZone(candidate)) return candidate;
  }
  const off = UTC_OFFSET.exec(text);
  if (off) {
    const hours = Number(off[2]);
    // IANA's Etc zones have inverted signs: UTC+5 is Etc/GMT-5.
    const zone = hours === 0 ? 'UTC' : `Etc/GMT${off[1] === '+' ? '-' : '+'}${hours}`;
    if (isValidTimeZone(zone)) return zone;
  }
  let best: { zone: string; index: number } | undefined;
  for (const [re, zone] of CITY_RES) {
    const m = re.exec(text);
    if (m && (!best || m.index > best.index)) best = { zone, index: m.index };
  }
  return best?.zone;
}
