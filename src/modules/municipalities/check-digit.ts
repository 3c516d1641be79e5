// 全国地方公共団体コード: five digits and a check digit. The check digit is the last digit of
// 11 − (Σ dᵢ·wᵢ mod 11) with weights 6, 5, 4, 3, 2 (総務省 地方公共団体コード).
const WEIGHTS = [6, 5, 4, 3, 2] as const;

export function computeCheckDigit(fiveDigits: string): number {
  if (!/^\d{5}$/.test(fiveDigits)) throw new Error('expected five digits');
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(fiveDigits[i]), 0);
  return (11 - (sum % 11)) % 10;
}

export function isValidLocalGovernmentCode(code: string): boolean {
  return /^\d{6}$/.test(code) && computeCheckDigit(code.slice(0, 5)) === Number(code[5]);
}
