/**
 * The intent model's view of a message: a bag of hashed-free string features, the same at training
 * time (scripts/train-nlu.ts) and at run time. Words and word pairs carry meaning; character
 * n-grams inside words carry it through typos, inflections and Roman spelling variants ("yaad",
 * "yad", "yaaad"); digits are one shape so "5pm" and "11pm" look alike.
 *
 * Changing anything here changes what the committed model means: retrain (`npm run train:nlu`).
 */

/** Bump when the feature scheme changes; the model file records the version it was trained with. */
export const FEATURE_VERSION = 2;

/** Wake words of voice assistants: SLURP transcripts open with them; they say nothing about intent. */
const WAKE = new Set(['olly', 'alexa', 'siri', 'google', 'cortana', 'hey', 'ok', 'okay']);

/** Lower case, one form of quotes and Urdu letter variants, digits as `0`, punctuation as spaces. */
export function featureText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[يى]/g, 'ی').replace(/ك/g, 'ک').replace(/[هة]/g, 'ہ')
    .replace(/[\u06f0-\u06f9\u0660-\u06690-9]+/g, '0')
    .replace(/[^\p{L}\p{M}0'\s]+/gu, ' ')
    .replace(/'+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a message after `featureText`, wake words at the start dropped. */
export function featureWords(text: string): string[] {
  const words = featureText(text).split(' ').filter(Boolean);
  let i = 0;
  while (i < words.length - 1 && WAKE.has(words[i]!)) i++;
  return words.slice(i, 64);
}

/**
 * Every feature of a message, each once: `w:` words, `b:` word pairs and `t:` triples (with
 * sentence edges), `c:` character 3- and 4-grams of each word with its edges marked, and `r:` what
 * the rules read it as (the model learns how far to trust each rule on real requests).
 */
export function extractFeatures(text: string, ruleIntent?: string): string[] {
  const words = featureWords(text);
  const out = new Set<string>();
  const padded = ['<s>', ...words, '</s>'];
  for (const w of words) {
    out.add(`w:${w}`);
    const m = `_${w}_`;
    for (let n = 3; n <= 4; n++) {
      for (let i = 0; i + n <= m.length; i++) out.add(`c:${m.slice(i, i + n)}`);
    }
  }
  for (let i = 0; i + 1 < padded.length; i++) out.add(`b:${padded[i]} ${padded[i + 1]}`);
  for (let i = 0; i + 2 < padded.length; i++) out.add(`t:${padded[i]} ${padded[i + 1]} ${padded[i + 2]}`);
  if (words.length <= 2) out.add(`len:${words.length}`);
  if (ruleIntent !== undefined) out.add(`r:${ruleIntent}`);
  return [...out];
}
