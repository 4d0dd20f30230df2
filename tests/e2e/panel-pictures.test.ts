// Issue 9 in a real browser — the seed's "Sending Picture Messages": Alice sends a picture from a
// file ("photo library") and one from the camera (Chromium's fake camera; retake once), Samuel's
// phone receives both, and the picture Samuel sends shows in Alice's panel as an image (B10, A1).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../scripts/extension/chromium';
import {
  clickGreenAction,
  customerWrites,
  inbox,
  phonePage,
  seriousViolations,
  shoot,
  useWalk,
  UI,
  type World,
} from './support/panel-world';

const SAMUEL = '+14155550101';

let world: World;
let alice: Profile;
let panel: Page;

useWalk(['alice@acme.test'], 180_000, async (started) => {
  world = started;
  alice = world.person('alice@acme.test');
  // Samuel has opted in and written: the window is open, pictures may go.
  ({ panel } = await clickGreenAction(world, alice, 'hubspot', 'Samuel Johnson'));
  await panel.getByRole('button', { name: 'Send opt-in' }).click();
  const phone = await phonePage(world, alice, SAMUEL);
  await phone.getByRole('button', { name: 'Reply Yes' }).click();
  await panel
    .getByRole('log', { name: 'Messages' })
    .getByText('The customer opted in. You can message them now.')
    .waitFor();
  await phone.close();
});

/** A real PNG to send: a piece of Samuel's CRM record, as a person might have saved it. */
async function pictureFile(): Promise<Buffer> {
  const page = await alice.context.newPage();
  await page.goto(world.recordUrl('hubspot', 'Samuel Johnson'));
  await page.getByText('Samuel Johnson').first().waitFor();
  const png = await page.screenshot({ clip: { x: 0, y: 0, width: 360, height: 220 } });
  await page.close();
  return png;
}

const imagesOnPhone = async () =>
  (await inbox(world, SAMUEL)).messages.filter((m) => m.type === 'image' && m.image?.mediaId);

/** Whether the picture is really drawn (a blob URL fetched with the session, decoded). */
const isDrawn = (img: ReturnType<Page['getByRole']>) =>
  img.evaluate((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0);

describe('pictures both ways in Chromium (seed: Sending Picture Messages)', { timeout: 90_000 }, () => {
  it('B10: a picture from a file, previewed with a caption, reaches Samuel’s phone', async () => {
    await panel.getByRole('button', { name: 'More: templates and pictures' }).click();
    await panel.getByRole('menuitem', { name: 'Photo from file' }).waitFor();
    await panel.keyboard.press('Escape');
    await panel
      .getByLabel('Choose a picture file')
      .setInputFiles({ name: 'showroom.png', mimeType: 'image/png', buffer: await pictureFile() });
    const draft = panel.getByRole('form', { name: 'Picture to send' });
    await expect
      .poll(() => isDrawn(draft.getByRole('img', { name: 'What you are about to send' })), UI)
      .toBe(true);
    await draft.getByLabel('Caption (optional)').fill('The showroom, as promised');
    expect(await seriousViolations(panel)).toEqual([]);
    await shoot(panel, 'panel-picture-draft');
    await draft.getByRole('button', { name: 'Send', exact: true }).click();

    await expect
      .poll(async () => (await imagesOnPhone()).map((m) => m.image?.caption), { timeout: 15_000 })
      .toEqual(['The showroom, as promised']);
    const sent = panel.getByRole('img', { name: 'Picture sent: The showroom, as promised' });
    await expect.poll(() => isDrawn(sent), UI).toBe(true);
  });

  it('B7 / B10: a template with a picture at the top — the picture is asked for, previewed and reaches Samuel with the template', async () => {
    await panel.getByRole('button', { name: 'More: templates and pictures' }).click();
    await panel.getByRole('menuitem', { name: 'Templates' }).click();
    const picker = panel.getByRole('form', { name: 'Templates' });
    await picker.getByRole('radio', { name: 'Product brochure (en_US)' }).check();
    await picker.getByText('Field 1 of the message: Samuel').waitFor();
    await picker.getByRole('textbox', { name: 'Field 2 of the message' }).fill('the ergonomic chairs');
    // Sending without the picture says what is missing and sends nothing.
    await picker.getByRole('button', { name: 'Send', exact: true }).click();
    await picker.getByRole('alert').getByText('Choose the picture this template shows at the top.').waitFor();
    await picker
      .getByLabel('Header picture (JPEG or PNG, up to 5 MB)')
      .setInputFiles({ name: 'brochure.png', mimeType: 'image/png', buffer: await pictureFile() });
    const preview = picker.getByRole('region', { name: 'Preview: as Samuel Johnson will see it' });
    await expect
      .poll(() => isDrawn(preview.getByRole('img', { name: 'Shown at the top of the template' })), UI)
      .toBe(true);
    await preview
      .getByText('Hi Samuel, here is the brochure for the ergonomic chairs we talked about.', {
        exact: false,
      })
      .waitFor();
    expect(await seriousViolations(panel)).toEqual([]);
    await shoot(panel, 'panel-template-picture', true, true);
    await picker.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => picker.count(), UI).toBe(0);

    await expect
      .poll(
        async () => {
          const got = (await inbox(world, SAMUEL)).messages.find(
            (m) => m.template?.name === 'product_brochure',
          );
          return got?.template?.headerMedia?.type ?? null;
        },
        { timeout: 15_000 },
      )
      .toBe('image');
    const sent = (await inbox(world, SAMUEL)).messages.find((m) => m.template?.name === 'product_brochure');
    expect(sent?.template?.params).toEqual(['Samuel', 'the ergonomic chairs']);
    // The header is the picture Alice chose, uploaded to WhatsApp (a media id the phone can fetch).
    const mediaId = sent?.template?.headerMedia?.mediaId ?? '';
    expect(mediaId).not.toBe('');
    const media = await fetch(`${world.stack.sandboxUrl}/sandbox/media/${encodeURIComponent(mediaId)}`);
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toMatch(/^image\/(png|jpeg)/);
    const phone = await phonePage(world, alice, SAMUEL);
    const top = phone.getByRole('img', { name: 'Picture at the top of the message' });
    await expect.poll(() => isDrawn(top), UI).toBe(true);
    await phone.close();
  });

  it('B10: a photo from the camera, with a retake before sending, reaches Samuel’s phone', async () => {
    await panel.getByRole('button', { name: 'More: templates and pictures' }).click();
    await panel.getByRole('menuitem', { name: 'Take a photo' }).click();
    const camera = panel.getByRole('region', { name: 'Camera' });
    await camera.getByRole('button', { name: 'Capture photo' }).click();
    const draft = panel.getByRole('form', { name: 'Picture to send' });
    await expect
      .poll(() => isDrawn(draft.getByRole('img', { name: 'What you are about to send' })), UI)
      .toBe(true);
    // Not that one: retake.
    await draft.getByRole('button', { name: 'Retake' }).click();
    await camera.getByRole('button', { name: 'Capture photo' }).waitFor();
    expect(await seriousViolations(panel)).toEqual([]);
    await shoot(panel, 'panel-camera');
    await camera.getByRole('button', { name: 'Capture photo' }).click();
    await draft.getByLabel('Caption (optional)').fill('Taken just now');
    await draft.getByRole('button', { name: 'Send', exact: true }).click();

    await expect
      .poll(async () => (await imagesOnPhone()).map((m) => m.image?.caption), { timeout: 15_000 })
      .toEqual(['The showroom, as promised', 'Taken just now']);
    await expect
      .poll(() => isDrawn(panel.getByRole('img', { name: 'Picture sent: Taken just now' })), UI)
      .toBe(true);
  });

  it('B10: Samuel sends a picture; it shows in Alice’s panel as an image, live', async () => {
    const page = await alice.context.newPage();
    await page.goto(world.recordUrl('pipedrive', 'Samuel Johnson'));
    await page.getByText('Samuel Johnson').first().waitFor();
    const photo = await page.screenshot({ clip: { x: 0, y: 0, width: 300, height: 200 } });
    await page.close();
    await customerWrites(world, SAMUEL, {
      image: { base64: photo.toString('base64'), mimeType: 'image/png', caption: 'My current chairs' },
    });
    const img = panel.getByRole('img', { name: 'Picture from Samuel Johnson: My current chairs' });
    await img.waitFor({ timeout: 15_000 });
    await expect.poll(() => isDrawn(img), UI).toBe(true);
    await img.scrollIntoViewIfNeeded();
    expect(await seriousViolations(panel)).toEqual([]);
    await shoot(panel, 'panel-pictures', true);
  });
});
