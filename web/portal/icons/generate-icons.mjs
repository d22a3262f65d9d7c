/*
 * Draws the portal's app icons and writes them to web/public/portal/icons/: icon.svg for the
 * browser tab, icon-192.png and icon-512.png for the manifest, and icon-maskable-512.png.
 * The maskable icon's drawing stays inside the central safe circle (80 % of the width), because
 * launchers may crop the icon to it.
 *
 * The PNGs are committed, so builds do not need this script. After changing the drawing, run
 * `node web/portal/icons/generate-icons.mjs` from the repository root and commit the results.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

const THEME_COLOUR = "#364fc7";
const outDir = fileURLToPath(new URL("../../public/portal/icons/", import.meta.url));

/**
 * Returns the motif on a 512-unit canvas: a round route (a ring) with a stop on it and a check
 * mark in the middle, drawn white. `scale` shrinks it around the centre.
 */
function motif(scale) {
  return `<g transform="translate(256 256) scale(${scale}) translate(-256 -256)" fill="none" stroke="#fff" stroke-linecap="round" stroke-linejoin="round">
    <circle cx="256" cy="256" r="150" stroke-width="36"/>
    <circle cx="256" cy="106" r="34" fill="#fff" stroke="${THEME_COLOUR}" stroke-width="16"/>
    <path d="M190 262 l46 46 l92 -100" stroke-width="40"/>
  </g>`;
}

const roundedIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <title>Rondo customer portal</title>
  <rect width="512" height="512" rx="112" fill="${THEME_COLOUR}"/>
  ${motif(1)}
</svg>
`;

// Full-bleed background. The motif reaches 192 units from the centre (the top of the stop), 154
// after scaling, well inside the safe circle's radius of 205.
const maskableIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" fill="${THEME_COLOUR}"/>
  ${motif(0.8)}
</svg>
`;

mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}icon.svg`, roundedIcon);
for (const size of [192, 512]) {
  await sharp(Buffer.from(roundedIcon)).resize(size, size).png().toFile(`${outDir}icon-${size}.png`);
}
await sharp(Buffer.from(maskableIcon)).resize(512, 512).png().toFile(`${outDir}icon-maskable-512.png`);
