/**
 * "undo", "undo that", "wapas karo", "واپس کر دو": the whole message asks to take back the last
 * change. No intent of the contract stands for it (undo is a conversation command, /undo), so the
 * router asks this before classifying free text.
 */
import { rx } from './work-text.ts';
import { sanitize, toKey } from './normalize.ts';

const UNDO = rx(
  '^[\\s,]*(?:(?:please|pls|plz|ok|okay|oops|no|hey)[\\s,!]+)*(?:' +
  "undo(?:\\s+(?:that|it|this|the\\s+last\\s+(?:one|change|thing|action)|my\\s+last\\s+(?:change|action)|last))?|revert\\s+(?:that|it|the\\s+last\\s+change)|take\\s+that\\s+back|" +
  '(?:undo|wapas|wapis|wapass|واپس|انڈو)(?:\\s+(?:kar|kr|karo|kro|karen|karein|کر|کرو|کریں|کرو|لو|لیں|lo|lein))?(?:\\s+(?:do|dein|den|دو|دیں))?' +
  ')(?:\\s+(?:please|pls|plz|پلیز))?[\\s.!۔]*$',
);

/** True when the whole message asks to undo the last change. */
export function saysUndo(text: string): boolean {
  return text.length <= 60 && UNDO.test(toKey(sanitize(text)));
}
