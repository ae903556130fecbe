/**
 * Errors reach people once: expected failures carry an i18n code, unexpected ones a message
 * logged with context. One banner for errors, short-lived toasts for news.
 */
import type { ErrorCode, ErrorParams } from '../contracts/errors';
import { createContext } from './context';

export type Notice =
  | { kind: 'code'; code: ErrorCode | string; params?: ErrorParams }
  | { kind: 'unexpected'; message: string };

export interface Toast {
  id: number;
  key: string;
  params?: ErrorParams;
}

const TOAST_LIFETIME_MS = 5000;

export class Notices {
  #error = $state.raw<Notice | null>(null);
  #toasts = $state.raw<Toast[]>([]);
  #nextToastId = 1;

  get error(): Notice | null {
    return this.#error;
  }

  get toasts(): Toast[] {
    return this.#toasts;
  }

  showError(code: ErrorCode | string, params?: ErrorParams): void {
    this.#error = params ? { kind: 'code', code, params } : { kind: 'code', code };
  }

  showUnexpected(error: unknown, context: string): void {
    console.error(`[fitlab] ${context}`, error);
    const message = error instanceof Error ? error.message : String(error);
    this.#error = { kind: 'unexpected', message };
  }

  dismissError(): void {
    this.#error = null;
  }

  toast(key: string, params?: ErrorParams): void {
    const id = this.#nextToastId++;
    const toast: Toast = params ? { id, key, params } : { id, key };
    this.#toasts = [...this.#toasts, toast];
    setTimeout(() => this.dismissToast(id), TOAST_LIFETIME_MS);
  }

  dismissToast(id: number): void {
    this.#toasts = this.#toasts.filter((t) => t.id !== id);
  }
}

export const [getNotices, setNotices] = createContext<Notices>('Notices');
