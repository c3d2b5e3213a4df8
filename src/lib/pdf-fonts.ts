// The fonts every PDF the service makes is set in: Noto Sans regular and bold, as the npm package
// ships them (TTF), embedded as a subset so a name in any Latin, Greek or Cyrillic script prints
// as written (ADR 0015). Parsing a font takes longer than setting a letter, so each thread parses
// them once and pdfkit is given fontkit's parsed font (which it takes as readily as the bytes).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

export interface PdfFonts {
  regular: PDFKit.Mixins.PDFFontSource;
  bold: PDFKit.Mixins.PDFFontSource;
}

let fonts: PdfFonts | undefined;

/** Noto Sans, parsed on first use in this thread and kept. */
export function pdfFonts(): PdfFonts {
  const parsed = (file: string) => fontkit.create(readFileSync(require.resolve(file))) as unknown as PDFKit.Mixins.PDFFontSource;
  fonts ??= {
    regular: parsed('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
    bold: parsed('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
  };
  return fonts;
}

let arabicFonts: PdfFonts | undefined;

/**
 * Noto Naskh Arabic, regular and bold, for runs of Arabic script (Urdu, Arabic, Farsi, Pashto):
 * Noto Sans has none of its letters. Parsed in this thread only when a document first needs it.
 */
export function pdfArabicFonts(): PdfFonts {
  const parsed = (file: string) => fontkit.create(readFileSync(require.resolve(file))) as unknown as PDFKit.Mixins.PDFFontSource;
  arabicFonts ??= {
    regular: parsed('@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf'),
    bold: parsed('@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf'),
  };
  return arabicFonts;
}
