// The receipt as a PDF (docs/adr/0017-receipt-pdf.md): what a resident keeps, prints or shows a
// third party — the reference number and arrival time (R1), the service and municipality, how it was
// sent, the attachments with their digests, the originals still to bring (R5), and the arrival fact
// of the evidence log with its leaf number. When a checkpoint covers the fact, the proof bundle is
// attached inside the PDF too, so the file alone proves the arrival to anyone.
//
// The Japanese font comes from an npm package (Noto Sans JP, SIL OFL 1.1) and is embedded as a
// subset of the glyphs used: the PDF renders the same on a machine without any Japanese font, and a
// fresh install needs no system font to make it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { ApplicationReceipt } from './present.ts';
import { japanClock } from './views/status.tsx';

const require = createRequire(import.meta.url);

export const RECEIPT_FONT = { family: 'NotoSansJP', regular: 'NotoSansJP-Regular', bold: 'NotoSansJP-Bold' } as const;

// Read once (about 5 MB each): fontkit parses the bytes for each document, the disk is not read again.
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf')),
  };
  return fonts;
}

export interface ReceiptPdfInput {
  receipt: ApplicationReceipt;
  /** The municipality's name from the master (null when the master does not know the code). */
  municipalityName: string | null;
  /** The proof bundle's JSON text when a checkpoint covers the fact; attached inside the PDF. */
  bundle: { filename: string; json: string } | null;
}

const SIGNATURE: Record<string, { ja: string; en: string }> = {
  TOTAL_PASSED: { ja: '署名を検証済み（有効）', en: 'signature verified (valid)' },
  INDETERMINATE: { ja: '失効確認ができなかったため、署名を再検証します', en: 'revocation not checked yet; the signature will be checked again' },
  TOTAL_FAILED: { ja: '再検証で署名が無効と判定されました', en: 'the signature failed re-verification' },
};

/** The time in Japan with its zone, and the same instant in UTC: the arrival time is a legal fact (R1). */
export function japanTimeWithZone(iso: string): string {
  return `${japanClock(iso)} JST（日本標準時 UTC+09:00）`;
}

/** Renders the receipt; resolves to the PDF's bytes. */
export function renderReceiptPdf(input: ReceiptPdfInput): Promise<Uint8Array> {
  const { receipt, municipalityName, bundle } = input;
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    lang: 'ja-JP',
    tagged: true,
    displayTitle: true,
    // The embedded font from the start, so no standard (unembedded) font is ever referenced.
    font: regular as unknown as string,
    info: { Title: `申請の受付票 ${receipt.reference}`, Subject: 'Application receipt', Creator: 'Kosodate One-Stop', Producer: 'Kosodate One-Stop' },
  });
  doc.registerFont(RECEIPT_FONT.regular, regular);
  doc.registerFont(RECEIPT_FONT.bold, bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const block = (tag: string, font: string, size: number, text: string, options: PDFKit.Mixins.TextOptions = {}) => {
    doc.addStructure(doc.struct(tag, {}, () => doc.font(font).fontSize(size).fillColor('#1a1a1a').text(text, { width, ...options })));
  };
  const heading = (text: string) => {
    doc.moveDown(0.8);
    block('H2', RECEIPT_FONT.bold, 13, text);
    doc.moveDown(0.2);
  };
  const paragraph = (text: string) => block('P', RECEIPT_FONT.regular, 10, text, { lineGap: 2 });
  const item = (label: string, value: string) => {
    block('P', RECEIPT_FONT.bold, 9, label);
    block('P', RECEIPT_FONT.regular, 11, value, { lineGap: 1 });
    doc.moveDown(0.3);
  };
  const small = (text: string) => block('P', RECEIPT_FONT.regular, 8, text, { lineGap: 1 });

  block('H1', RECEIPT_FONT.bold, 18, '申請の受付票　Application receipt');
  doc.moveDown(0.3);
  paragraph('この申請は、次の日時に市区町村に到達しました。受付番号と到達日時を控えてください。\nThis application arrived at the municipality at the time below. Keep the reference number and arrival time.');

  heading('受付の内容　Receipt');
  item('受付番号　Reference number', receipt.reference);
  item('申請　Service', receipt.service.title);
  item('申請先　Municipality', municipalityName ? `${municipalityName}（地方公共団体コード ${receipt.municipalityCode}）` : `地方公共団体コード ${receipt.municipalityCode}`);
  item('到達日時　Arrived at', `${japanTimeWithZone(receipt.arrivedAt)}\n${receipt.arrivedAt}（UTC）`);
  const standing = receipt.signature ? SIGNATURE[receipt.signature.indication] : undefined;
  const method =
    receipt.method === 'signed'
      ? ['マイナンバーカードによる電子署名付き　Signed with a My Number Card', ...(standing ? [`${standing.ja}\u3000${standing.en}`] : [])].join('\n')
      : '簡易申請（署名なし）　Simple application (no signature)';
  item('申請の方法　Method', method);
  item('申請内容のダイジェスト（SHA-256）　Digest of the application (SHA-256)', receipt.contentSha256);

  heading('添付書類　Attachments');
  if (receipt.attachments.length === 0) paragraph('添付書類はありません。　No attachments.');
  for (const a of receipt.attachments) {
    block('P', RECEIPT_FONT.regular, 10, `${a.name}${a.requirement ? `（${a.requirement}）` : ''}\u3000${a.mediaType}、${a.size.toLocaleString('ja-JP')} バイト`);
    small(`SHA-256: ${a.sha256}`);
    doc.moveDown(0.2);
  }

  if (receipt.originalsToBring.length > 0) {
    heading('原本の提出が必要な書類　Originals to submit separately (R5)');
    paragraph('次の書類は、別途原本を窓口へ持参するか郵送してください。\nBring or post the originals of these to the municipality.');
    for (const name of receipt.originalsToBring) block('P', RECEIPT_FONT.regular, 10, `・${name}`);
  }

  heading('到達の証明　Proof of arrival');
  const evidence = receipt.evidence;
  if (!evidence) {
    paragraph('到達の記録はまだ証明の記録簿に見つかりません。\nThe arrival is not yet found in the evidence log.');
  } else {
    paragraph(
      'この申請の到達は、だれでも検証できる公開の記録簿（追記のみで書き換えられない証明の記録簿）に記録されています。記録には個人情報は含まれず、番号とダイジェストだけが記録されます。\n' +
        'The arrival of this application is recorded in a public, append-only evidence log that anyone can check. The record holds no personal data: only codes, ids and digests.',
    );
    doc.moveDown(0.3);
    item('記録番号（リーフ番号）　Leaf index', evidence.leafIndex === null ? '記録簿への登録を待っています（数秒で登録されます）　Waiting to be added to the log (a few seconds)' : String(evidence.leafIndex));
    item(
      '証明ファイル　Proof bundle',
      evidence.bundleUrl
        ? `あり。このPDFに添付しています（${bundle?.filename ?? 'evidence.json'}）。受付のページからもダウンロードできます。\nAvailable: attached to this PDF, and downloadable from the receipt page.`
        : 'まだありません。記録簿の署名付きチェックポイントができると（数秒後）、受付のページからダウンロードできます。\nNot yet: it can be downloaded from the receipt page once a signed checkpoint covers the record (in a few seconds).',
    );
    block('P', RECEIPT_FONT.bold, 9, '記録の内容（正規化JSON）　The recorded fact (canonical JSON)');
    small(evidence.fact);
    doc.moveDown(0.3);
    paragraph(
      '検証のしかた：証明ファイルを保存し、node tools/verify-evidence.mjs で検証するか、RFC 9162 と C2SP の署名付きノートに対応した任意の検証ツールを使ってください（手順は docs/evidence.md）。\n' +
        'To check it: save the proof bundle and run node tools/verify-evidence.mjs on it, or any RFC 9162 / C2SP signed-note verifier (see docs/evidence.md).',
    );
    if (bundle) doc.file(Buffer.from(bundle.json, 'utf8'), { name: bundle.filename, type: 'application/json', description: '到達の証明ファイル (evidence bundle)' });
  }
  doc.end();
  return done;
}
