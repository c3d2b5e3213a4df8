// Builds the browser assets into public/: the council-branded stylesheet (Sass, with a system font
// rather than GDS Transport) and govuk-frontend's JavaScript for progressive enhancement.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const publicDir = join(root, 'public');
const frontend = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk');

const started = Date.now();
mkdirSync(join(publicDir, 'stylesheets'), { recursive: true });
mkdirSync(join(publicDir, 'javascripts'), { recursive: true });
mkdirSync(join(publicDir, 'images'), { recursive: true });
mkdirSync(join(publicDir, 'fonts'), { recursive: true });

const result = sass.compile(join(root, 'src', 'assets', 'scss', 'application.scss'), {
  style: 'compressed',
  importers: [new sass.NodePackageImporter(root)],
  quietDeps: true,
  silenceDeprecations: ['import'],
});
writeFileSync(join(publicDir, 'stylesheets', 'application.css'), result.css);
copyFileSync(join(frontend, 'govuk-frontend.min.js'), join(publicDir, 'javascripts', 'govuk-frontend.min.js'));
copyFileSync(join(root, 'src', 'assets', 'javascripts', 'init.js'), join(publicDir, 'javascripts', 'init.js'));
copyFileSync(join(root, 'src', 'assets', 'images', 'favicon.svg'), join(publicDir, 'images', 'favicon.svg'));
// Urdu's letters (ہ, ے, ۔ ...) are missing from many systems' Arabic fonts: the portal serves
// Noto Naskh Arabic (SIL Open Font License) for the Arabic script only (application.scss).
const naskh = join(root, 'node_modules', '@expo-google-fonts', 'noto-naskh-arabic');
copyFileSync(join(naskh, '400Regular', 'NotoNaskhArabic_400Regular.ttf'), join(publicDir, 'fonts', 'noto-naskh-arabic-400.ttf'));
copyFileSync(join(naskh, '700Bold', 'NotoNaskhArabic_700Bold.ttf'), join(publicDir, 'fonts', 'noto-naskh-arabic-700.ttf'));
console.log(`Built assets into public/ in ${Date.now() - started} ms`);
