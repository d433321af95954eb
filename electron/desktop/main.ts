/**
 * The desktop shell: one window over the engine, following Electron's security
 * checklist — context isolation, sandbox, no Node in the page, a strict CSP, the UI from
 * the custom `app://assay` protocol, navigation and new windows refused, permission
 * requests refused, and `shell.openExternal` only for http(s) links. Everything else
 * lives in the engine, which imports nothing from here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import type { DialogsApi } from '../../shared/dialogs';
import { Engine, defaultWorkspaceDir, rendererDir, type HandlerSlice } from '../engine/index';
import { CredentialStore } from './credential-store';
import { bindIpc } from './ipc';
import { bindKeychain } from './keychain-ipc';
import { buildMenu } from './menu';
import { SECURITY_HEADERS } from '../../shared/security-headers';
import { APP_ORIGIN, APP_SCHEME, decideNavigation, decideWindowOpen } from './security/navigation-policy';
import { readStaticFile } from '../server/static-files';
import { loadWindowState, saveWindowState } from './window-state';

const here = path.dirname(fileURLToPath(import.meta.url));

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) app.quit();

let mainWindow: BrowserWindow | null = null;

function workspaceFromArgs(): string {
  const index = process.argv.indexOf('--workspace');
  return index > 0 && process.argv[index + 1]
    ? path.resolve(process.argv[index + 1]!)
    : defaultWorkspaceDir();
}

function nativeDialogs(): HandlerSlice<DialogsApi> {
  return {
    'dialog.open': async (request) => {
      const properties: Array<'openFile' | 'openDirectory' | 'multiSelections' | 'createDirectory'> = [
        request.kind === 'directory' ? 'openDirectory' : 'openFile',
        'createDirectory',
      ];
      if (request.multiple) properties.push('multiSelections');
      const options = { title: request.title, properties, filters: request.filters };
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return { paths: result.canceled ? [] : result.filePaths };
    },
    'dialog.save': async (request) => {
      const options = { title: request.title, defaultPath: request.defaultPath, filters: request.filters };
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return { paths: result.canceled || !result.filePath ? [] : [result.filePath] };
    },
  };
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = await readStaticFile(rendererDir(), new URL(request.url).pathname);
    if (file === null || file === 'missing')
      return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    return new Response(new Uint8Array(file.body), {
      headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType },
    });
  });
}

function lockDownContents(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (decideNavigation(url) !== 'allow') event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (decideNavigation(url) !== 'allow') event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (decideWindowOpen(url) === 'open-external') void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function createWindow(): BrowserWindow {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = new BrowserWindow({
    ...state,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Assay',
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    saveWindowState(stateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() });
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

app.on('second-instance', () => {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
});

app.on('window-all-closed', () => app.quit());

void app.whenReady().then(async () => {
  lockDownContents();
  serveRenderer();
  let engine: Engine;
  try {
    engine = await Engine.create({
      workspaceDir: workspaceFromArgs(),
      mode: 'desktop',
      dialogs: nativeDialogs(),
    });
  } catch (error) {
    dialog.showErrorBox('Assay cannot start', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  bindIpc(ipcMain, engine, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  // Registry logins: encrypted by the OS keychain, in the user-data folder, never in a workspace.
  bindKeychain(ipcMain, new CredentialStore(app.getPath('userData'), safeStorage));
  Menu.setApplicationMenu(buildMenu((command) => engine.events.emit('app.command', { command })));
  mainWindow = createWindow();
  app.on('before-quit', () => void engine.close());
});
