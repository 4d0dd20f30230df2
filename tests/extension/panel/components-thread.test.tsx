// Presentational pieces as a user meets them (2/2): the thread with every state, text that stays
// text, teamwork dialogs and the camera (B9, B10, B15, B22, S3).
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CameraCapture } from '../../../extension/components/panel/CameraCapture';
import { TeamDialogs } from '../../../extension/components/panel/TeamDialogs';
import { OccupiedNotice } from '../../../extension/components/panel/Teamwork';
import { Thread } from '../../../extension/components/panel/Thread';
import { BOB, inbound, ME, outbound } from './fixtures';

afterEach(cleanup);

const ctx = {
  myId: ME.userId,
  names: new Map([[BOB.userId, BOB.name]]),
  contactName: 'Samuel Johnson',
  pictures: {},
  onRequestPicture: vi.fn(),
};
const noop = { onRetry: vi.fn(), onEdit: vi.fn(), onDiscard: vi.fn() };

describe('thread (B9, B10, S3)', () => {
  it('is a log named "Messages" showing each item with its state', () => {
    const failure = {
      code: 131026,
      reason: 'This number cannot receive WhatsApp messages.',
      nextStep: 'Send an SMS instead.',
    };
    render(
      <Thread
        readOnly={false}
        ctx={ctx}
        outbox={[]}
        {...noop}
        items={[
          outbound({ id: 'a', state: 'queued', holdReason: 'window_closed', text: 'Still there?' }),
          outbound({ id: 'b', state: 'failed', failure, text: 'Hello' }),
          inbound({ text: 'Hi' }),
          { type: 'system', at: 3, text: 'Alice Martin added Bob Stone' },
        ]}
      />,
    );
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(log.textContent).toContain(
      'Queued The 24-hour window is closed; it goes out when the customer writes again.',
    );
    expect(log.textContent).toContain(
      'Failed This number cannot receive WhatsApp messages. Send an SMS instead.',
    );
    expect(log.textContent).toContain('Alice Martin added Bob Stone');
    expect(within(log).getAllByRole('listitem')).toHaveLength(4);
  });

  it('S3: names and messages are text, never HTML', () => {
    const evil = '<img src=x onerror="alert(1)"><b>bold</b>';
    render(
      <Thread
        readOnly={false}
        ctx={{ ...ctx, contactName: evil }}
        outbox={[]}
        {...noop}
        items={[inbound({ text: evil })]}
      />,
    );
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(log.querySelector('img')).toBeNull();
    expect(log.querySelector('b')).toBeNull();
    expect(log.textContent).toContain(evil);
  });

  it('B10: pictures are requested and shown from their blob URL; other media is a placeholder', () => {
    const onRequestPicture = vi.fn();
    render(
      <Thread
        readOnly={false}
        ctx={{ ...ctx, onRequestPicture, pictures: { 'md-1': { status: 'ready', url: 'blob:x/1' } } }}
        outbox={[]}
        {...noop}
        items={[
          inbound({ kind: 'image', mediaId: 'md-1', text: 'My shop' }),
          inbound({ id: 'w2', kind: 'other', mediaId: 'md-2', text: null }),
        ]}
      />,
    );
    expect(onRequestPicture).toHaveBeenCalledWith('md-1');
    expect(onRequestPicture).not.toHaveBeenCalledWith('md-2');
    const img = screen.getByRole('img', { name: 'Picture from Samuel Johnson: My shop' }) as HTMLImageElement;
    expect(img.src).toBe('blob:x/1');
    expect(
      screen.getByText('Sent a file Greenline cannot show here (a video, document or other media).'),
    ).toBeTruthy();
  });

  it('issue 12: a message past the retention period reads as removed, keeps its state, asks for no picture', () => {
    const onRequestPicture = vi.fn();
    const removed = { at: 1, afterDays: 90, notice: 'Message removed after 90 days' };
    render(
      <Thread
        readOnly={false}
        ctx={{ ...ctx, onRequestPicture }}
        outbox={[]}
        {...noop}
        items={[
          inbound({ kind: 'image', mediaId: null, text: null, removed }),
          outbound({ id: 'm-9', text: null, state: 'read', removed }),
        ]}
      />,
    );
    expect(screen.getAllByText('Message removed after 90 days')).toHaveLength(2);
    expect(screen.getByText('Read')).toBeTruthy();
    expect(onRequestPicture).not.toHaveBeenCalled();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('I4: a message not accepted by the server offers Retry, Edit and Discard', () => {
    const onRetry = vi.fn();
    render(
      <Thread
        readOnly={false}
        ctx={ctx}
        items={[]}
        {...noop}
        onRetry={onRetry}
        outbox={[
          {
            localId: 'l1',
            conversationId: 'conv-1',
            idempotencyKey: 'k1',
            body: { type: 'text', text: 'Hello' },
            label: 'Hello',
            startedAt: 0,
            status: 'failed',
            error: 'The Greenline server cannot be reached (timeout).',
          },
        ]}
      />,
    );
    expect(screen.getByText('The Greenline server cannot be reached (timeout).')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry: Hello' }));
    expect(onRetry).toHaveBeenCalledWith('l1');
    screen.getByRole('button', { name: 'Edit: Hello' });
    screen.getByRole('button', { name: 'Discard: Hello' });
  });

  it('B11: an earlier thread says it is read-only and leads to the current one', () => {
    const onShowCurrent = vi.fn();
    render(<Thread readOnly ctx={ctx} items={[]} outbox={[]} {...noop} onShowCurrent={onShowCurrent} />);
    expect(screen.getByText(/This thread is read-only/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show the current thread' }));
    expect(onShowCurrent).toHaveBeenCalled();
  });
});

describe('teamwork (B15, B22)', () => {
  const base = {
    contactName: 'Samuel',
    eligible: [],
    others: [BOB],
    busy: false,
    error: null,
    onAdd: vi.fn(),
    onTransfer: vi.fn(),
    onChooseToRemove: vi.fn(),
    onRemove: vi.fn(),
    onLeave: vi.fn(),
    onClose: vi.fn(),
  };

  it('B15: removing asks for a confirmation that names the person', () => {
    const onRemove = vi.fn();
    render(<TeamDialogs {...base} onRemove={onRemove} dialog={{ type: 'confirm_remove', person: BOB }} />);
    screen.getByRole('alertdialog', { name: 'Remove Bob Stone from the conversation?' });
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove Bob Stone' }));
    expect(onRemove).toHaveBeenCalledWith(BOB.userId);
  });

  it('B13: the add dialog lists eligible colleagues, or says nobody can join', () => {
    const onAdd = vi.fn();
    const { rerender } = render(
      <TeamDialogs {...base} onAdd={onAdd} eligible={[BOB]} dialog={{ type: 'add' }} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add Bob Stone' }));
    expect(onAdd).toHaveBeenCalledWith(BOB.userId);
    rerender(<TeamDialogs {...base} eligible={[]} dialog={{ type: 'add' }} />);
    expect(screen.getByText('No other enabled colleagues of your team can join.')).toBeTruthy();
  });

  it.each`
    role             | shows
    ${'can_ask'}     | ${'Ask to join'}
    ${'requested'}   | ${'You asked to join. A participant will answer.'}
    ${'cannot_join'} | ${'You cannot join: only colleagues of the same team as a participant can ask to join.'}
  `('B22: occupied, $role', ({ role, shows }) => {
    render(
      <OccupiedNotice name="Samuel" participants={[BOB]} role={role} busy={false} onAskToJoin={vi.fn()} />,
    );
    expect(screen.getByText('Bob Stone is in the conversation with Samuel.')).toBeTruthy();
    expect(screen.getByText(shows)).toBeTruthy();
  });
});

describe('camera (B10)', () => {
  it('without permission: the reason and "Allow the camera"', () => {
    const onGrant = vi.fn();
    render(
      <CameraCapture
        phase="needs_permission"
        stream={null}
        message="Greenline needs permission to use the camera."
        onCapture={vi.fn()}
        onCancel={vi.fn()}
        onGrant={onGrant}
        onRetry={vi.fn()}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('Greenline needs permission to use the camera.');
    fireEvent.click(screen.getByRole('button', { name: 'Allow the camera' }));
    expect(onGrant).toHaveBeenCalled();
  });

  it('live: Capture photo hands the frame over', async () => {
    const onCapture = vi.fn();
    const blob = new Blob(['x']);
    render(
      <CameraCapture
        phase="live"
        stream={null}
        message={null}
        onCapture={onCapture}
        onCancel={vi.fn()}
        onGrant={vi.fn()}
        onRetry={vi.fn()}
        capture={async () => blob}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Capture photo' }));
    await vi.waitFor(() => expect(onCapture).toHaveBeenCalledWith(blob));
  });
});
