// Which key presses belong to the page's shortcuts and which to the field that has the focus.

/** True when `target` takes typed text (a text field, a select, an editable element): keys stay with it. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range'].includes(target.type);
  return false;
}
