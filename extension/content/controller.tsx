// One record's action: asks the background for the glance of its numbers, opens the conversation on
// click (B19), and re-renders its shadow root. No extension API is touched here: the ports are injected.
import { render } from 'preact';
import type { Found } from '../crm/types';
import type { OpenResult, PhoneGlance, RecordInput } from '../messaging/protocol';
import { Action, type ActionView } from './action';
import { createHost, isInPlace, type Mounted, removeHost } from './mount';

export interface ActionPorts {
  glance: (phones: { raw: string; label: string | null }[]) => Promise<PhoneGlance[]>;
  open: (record: RecordInput, phone: string) => Promise<OpenResult>;
}

let serial = 0;

function samePhones(a: Found['record']['phones'], b: Found['record']['phones']): boolean {
  return a.length === b.length && a.every((p, i) => p.raw === b[i]?.raw && p.label === b[i]?.label);
}

export class ActionController {
  readonly key: string;
  private mounted: Mounted;
  private found: Found;
  private view: ActionView;
  private readonly idPrefix = `greenline-${++serial}`;
  private removed = false;

  constructor(
    found: Found,
    private readonly ports: ActionPorts,
  ) {
    this.found = found;
    this.key = `${found.record.crm}:${found.record.recordId}`;
    this.mounted = createHost(this.key, found.placement);
    this.view = { name: found.record.name, phones: null, busy: false, error: null, menuOpen: false };
    this.draw();
    void this.refresh();
  }

  get outer(): HTMLElement {
    return this.mounted.outer;
  }

  get contactIds(): string[] {
    return (this.view.phones ?? []).flatMap((p) => (p.contactId ? [p.contactId] : []));
  }

  /** The record as the page shows it now: moves the host back in place, re-reads changed numbers. */
  update(found: Found): void {
    const phonesChanged = !samePhones(found.record.phones, this.found.record.phones);
    this.found = found;
    if (!isInPlace(this.mounted, found.placement)) {
      removeHost(this.mounted);
      this.mounted = createHost(this.key, found.placement);
    }
    this.set({ name: found.record.name });
    if (phonesChanged) void this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      const phones = await this.ports.glance(this.found.record.phones);
      this.set({ phones });
    } catch {
      this.set({
        phones: this.found.record.phones.map((p) => ({
          ...p,
          e164: null,
          problem: null,
          contactId: null,
          glance: null,
        })),
      });
    }
  }

  remove(): void {
    this.removed = true;
    render(null, this.mounted.container);
    removeHost(this.mounted);
  }

  private set(patch: Partial<ActionView>): void {
    this.view = { ...this.view, ...patch };
    this.draw();
  }

  private draw(): void {
    if (this.removed) return;
    render(
      <Action
        {...this.view}
        idPrefix={this.idPrefix}
        onActivate={() => this.activate()}
        onChoose={(raw) => void this.choose(raw)}
        onDismissError={() => this.set({ error: null })}
        onCloseMenu={() => this.set({ menuOpen: false })}
      />,
      this.mounted.container,
    );
  }

  private activate(): void {
    const phones = this.view.phones ?? this.found.record.phones.map((p) => ({ raw: p.raw }));
    if (this.view.busy || phones.length === 0) return;
    if (phones.length > 1) this.set({ menuOpen: !this.view.menuOpen, error: null });
    else void this.choose(phones[0]?.raw ?? '');
  }

  private async choose(raw: string): Promise<void> {
    const phone = this.view.phones?.find((p) => p.raw === raw);
    if (phone?.problem) return this.set({ menuOpen: false, error: phone.problem });
    this.set({ menuOpen: false, busy: true, error: null });
    const { phones: _phones, ...record } = this.found.record;
    let result: OpenResult;
    try {
      result = await this.ports.open(record, raw);
    } catch {
      result = { ok: false, message: 'Greenline is not responding. Reload the page and try again.' };
    }
    this.set({ busy: false, error: result.ok ? null : result.message });
    if (result.ok) void this.refresh();
  }
}
