// Build static/map/world-110m.json, the country shapes the world map is drawn from: Natural
// Earth's 1:110m countries (npm world-atlas), projected once here (Natural Earth projection,
// d3-geo) into SVG path data. Run by `make world-map`; the output is committed, so the site
// itself needs neither Node nor these packages.
import { readFileSync, writeFileSync } from "node:fs";
import { geoNaturalEarth1, geoPath } from "d3-geo";
import { feature } from "topojson-client";

const WIDTH = 960;
const HEIGHT = 470;
const topology = JSON.parse(
  readFileSync(new URL("../node_modules/world-atlas/countries-110m.json", import.meta.url)),
);
const version = JSON.parse(
  readFileSync(new URL("../node_modules/world-atlas/package.json", import.meta.url)),
).version;

// Antarctica has no cooperatives to show and would take a fifth of the picture.
const countries = feature(topology, topology.objects.countries).features.filter(
  (country) => country.id !== "010",
);
const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], {
  type: "FeatureCollection",
  features: countries,
});
const path = geoPath(projection).digits(0);

// d3 writes absolute points ("M480,120L481,122…"); relative steps ("M480 120l1 2…") are
// half the size, and the map is inline in the home page.
function relative(d) {
  let out = "";
  let previous = "";
  let x = 0;
  let y = 0;
  for (const [, command, args] of d.matchAll(/([MLZ])([^MLZ]*)/g)) {
    if (command === "Z") {
      out += "z";
    } else {
      const [px, py] = args.split(",").map(Number);
      if (command === "L" && px === x && py === y) continue; // rounded onto the last point
      const pair = command === "M" ? `${px} ${py}` : `${px - x} ${py - y}`;
      if (command === "M") out += `M${pair}`;
      else if (previous === "L") out += pair.startsWith("-") ? pair : ` ${pair}`;
      else out += `l${pair}`;
      [x, y] = [px, py];
    }
    previous = command;
  }
  return out.replace(/ -/g, "-");
}

const shapes = countries.map((country) => ({
  // ISO 3166-1 numeric; a few disputed areas have none and are drawn without a link.
  numeric: country.id ?? null,
  name: country.properties.name,
  d: relative(path(country)),
}));

writeFileSync(
  new URL("../static/map/world-110m.json", import.meta.url),
  `${JSON.stringify(
    {
      source: `Natural Earth 1:110m countries, npm world-atlas ${version}, public domain`,
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      countries: shapes,
    },
    null,
    0,
  )}\n`,
);
