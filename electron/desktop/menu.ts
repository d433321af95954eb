/** The application menu (File, Edit, View, Help); items that act on the UI send it a command. */
import { Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/events';

export function buildMenu(send: (command: AppCommand) => void): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: () => send('workspace.new') },
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => send('workspace.open') },
        { type: 'separator' },
        { label: 'Import Dataset…', accelerator: 'CmdOrCtrl+I', click: () => send('dataset.import') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Jobs Panel', accelerator: 'CmdOrCtrl+J', click: () => send('jobs.toggle') },
        { type: 'separator' },
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'help',
      submenu: [
        { label: 'Keyboard Shortcuts', click: () => send('help.shortcuts') },
        { label: 'DuckDB SQL Reference', click: () => void shell.openExternal('https://duckdb.org/docs/') },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
