/** Native file dialogs: offered by the desktop shell, refused in browser mode. */
import { z } from 'zod';
import { defineRequests, type Method } from './contract';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface OpenDialogRequest {
  title?: string;
  kind: 'file' | 'directory';
  multiple?: boolean;
  filters?: FileFilter[];
}

export interface SaveDialogRequest {
  title?: string;
  defaultPath?: string;
  filters?: FileFilter[];
}

/** Paths the user chose; empty when the dialog was dismissed. */
export interface DialogResult {
  paths: string[];
}

export interface DialogsApi {
  'dialog.open': Method<OpenDialogRequest, DialogResult>;
  'dialog.save': Method<SaveDialogRequest, DialogResult>;
}

const filters = z
  .array(z.strictObject({ name: z.string().max(200), extensions: z.array(z.string().max(20)).max(50) }))
  .max(20)
  .optional();

export const dialogsRequests = defineRequests<DialogsApi>()({
  'dialog.open': z.strictObject({
    title: z.string().max(200).optional(),
    kind: z.enum(['file', 'directory']),
    multiple: z.boolean().optional(),
    filters,
  }),
  'dialog.save': z.strictObject({
    title: z.string().max(200).optional(),
    defaultPath: z.string().max(4096).optional(),
    filters,
  }),
});
