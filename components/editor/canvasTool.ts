// Which gesture a plain drag on the empty canvas makes: pan the view (the default) or select a box (the Select
// tool). Shift-drag selects a box with either; the toolbar switches, and the help line says which is which.
import { create } from 'zustand';

export type CanvasTool = 'pan' | 'select';

export const useCanvasTool = create<{ tool: CanvasTool }>(() => ({ tool: 'pan' }));

export function setCanvasTool(tool: CanvasTool): void {
  useCanvasTool.setState({ tool });
}
