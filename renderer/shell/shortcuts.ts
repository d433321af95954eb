/**
 * Keyboard shortcuts and the desktop menu's commands, handled in one place so a menu item
 * and its shortcut always do the same thing.
 */
import { useEffect } from 'react';
import type { AppCommand } from '../../shared/events';
import { api } from '../api/client';
import { useImport } from '../datasets/import-store';
import { capabilities } from './capabilities';
import { useUi } from './ui-store';

export const shortcutList: ReadonlyArray<{ keys: string; action: string }> = [
  { keys: 'Ctrl/⌘ + 1 … 8', action: 'Go to Datasets … Monitor' },
  { keys: 'Ctrl/⌘ + O', action: 'Open or switch workspace' },
  { keys: 'Ctrl/⌘ + Shift + N', action: 'New workspace' },
  { keys: 'Ctrl/⌘ + I', action: 'Import a dataset' },
  { keys: 'Ctrl/⌘ + J', action: 'Show or hide the jobs panel' },
  { keys: 'Ctrl/⌘ + Enter', action: 'Run the SQL query' },
  { keys: 'Ctrl/⌘ + C', action: 'Copy the selected cells (Shift+click extends)' },
  { keys: '?', action: 'This help' },
  { keys: 'Esc', action: 'Close a dialog' },
];

export function performCommand(command: AppCommand): void {
  const ui = useUi.getState();
  switch (command) {
    case 'workspace.open':
      return ui.showWorkspaceDialog('open');
    case 'workspace.new':
      return ui.showWorkspaceDialog('new');
    case 'dataset.import':
      ui.setView('datasets');
      return useImport.getState().show([]);
    case 'jobs.toggle':
      return ui.toggleJobs();
    case 'help.shortcuts':
      return ui.showShortcuts(true);
  }
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const ui = useUi.getState();
      if (mod && /^[1-8]$/.test(event.key)) {
        ui.setView(capabilities[Number(event.key) - 1]!.id);
      } else if (mod && !event.shiftKey && event.key.toLowerCase() === 'o') {
        performCommand('workspace.open');
      } else if (mod && event.shiftKey && event.key.toLowerCase() === 'n') {
        performCommand('workspace.new');
      } else if (mod && !event.shiftKey && event.key.toLowerCase() === 'i') {
        performCommand('dataset.import');
      } else if (mod && event.key.toLowerCase() === 'j') {
        performCommand('jobs.toggle');
      } else if (event.key === '?' && !isTyping(event.target)) {
        performCommand('help.shortcuts');
      } else {
        return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    const offMenu = api.on('app.command', ({ command }) => performCommand(command));
    return () => {
      window.removeEventListener('keydown', onKey);
      offMenu();
    };
  }, []);
}
