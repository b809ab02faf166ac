'use client';
// The colour scheme switch: System (follows prefers-color-scheme), Light or Dark. Sets data-theme on <html>,
// which globals.css reads; the canvas takes the same choice as React Flow's colorMode (useColorMode).
import { useEffect, useSyncExternalStore } from 'react';
import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'connex.theme';

function stored(): ThemeChoice {
  try {
    const v = window.localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export const useTheme = create<{ choice: ThemeChoice }>(() => ({ choice: 'system' }));

function subscribeScheme(listener: () => void): () => void {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', listener);
  return () => media.removeEventListener('change', listener);
}

/** The scheme in effect: the choice, or the system's when the choice is "system". */
export function useColorMode(): 'light' | 'dark' {
  const choice = useTheme((s) => s.choice);
  const systemDark = useSyncExternalStore(
    subscribeScheme,
    () => window.matchMedia('(prefers-color-scheme: dark)').matches,
    () => false,
  );
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

export function ThemeToggle() {
  const choice = useTheme((s) => s.choice);
  const mode = useColorMode();
  useEffect(() => useTheme.setState({ choice: stored() }), []);
  useEffect(() => {
    document.documentElement.dataset.theme = mode;
    document.documentElement.style.colorScheme = mode;
  }, [mode]);
  const choose = (next: ThemeChoice) => {
    useTheme.setState({ choice: next });
    try {
      if (next === 'system') window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, next);
    } catch {
      // storage blocked: the choice lasts for this page
    }
  };
  return (
    <label className="theme-toggle">
      Theme{' '}
      <select aria-label="Colour theme" data-testid="theme" value={choice} onChange={(e) => choose(e.target.value as ThemeChoice)}>
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
