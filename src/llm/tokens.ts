/**
 * A cheap token estimate for budgeting history windows and for usage when a server does not report
 * it: about four Latin characters per token, about two for other scripts (Urdu packs fewer
 * characters into a token). Being a little generous keeps the window safely under the model's limit.
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 128) ascii++;
    else other++;
  }
  return Math.ceil(ascii / 4 + other / 2);
}
