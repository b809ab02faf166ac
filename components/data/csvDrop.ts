// A CSV file dropped somewhere other than the Data section (on the canvas): handed to the CSV import, which reads
// it as if it had been picked there, instead of the canvas trying to open it as a .connex.json document.
import { create } from 'zustand';

export const useDroppedCsv = create<{ file: File | null }>(() => ({ file: null }));

/** True for a file that is a CSV by its name or type. */
export function isCsvFile(file: { name: string; type: string }): boolean {
  return /\.(csv|tsv)$/i.test(file.name) || file.type === 'text/csv';
}

/** Hands `file` to the CSV import (components/data/CsvImport.tsx). */
export function openDroppedCsv(file: File): void {
  useDroppedCsv.setState({ file });
}
