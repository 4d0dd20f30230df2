// Container: the bottom of the panel for a participant — the composer, or instead of it the template
// picker, the picture about to be sent, or the camera. Reads the models, passes plain props.
import type { Panel } from '../../models/panel/panel';
import { composerAvailability, templateAvailability } from '../../models/panel/status';
import { CameraCapture } from './CameraCapture';
import { Composer } from './Composer';
import { ErrorAlert } from './Feedback';
import { PictureDraftView } from './PictureDraft';
import { TemplatePicker } from './TemplatePicker';

export function ComposerArea({ panel }: { panel: Panel }) {
  const { conversation, composer, templates, pictures, camera, session } = panel;
  const state = conversation.state.value;
  if (!state) return null;
  const name = conversation.name.value;
  const text = composerAvailability(state, conversation.serverNow.value, name);
  const tpl = templateAvailability(conversation.current.value ?? state, name);

  if (camera.phase.value !== 'closed') {
    return (
      <CameraCapture
        phase={camera.phase.value}
        stream={camera.stream.value}
        message={camera.message.value}
        onCapture={(blob) => void camera.capture(blob)}
        onCancel={camera.cancel}
        onGrant={() => void camera.grant()}
        onRetry={() => void camera.open()}
      />
    );
  }
  const draft = pictures.draft.value;
  if (draft) {
    return (
      <PictureDraftView
        draft={draft}
        caption={pictures.caption.value}
        uploading={pictures.uploading.value}
        error={pictures.error.value}
        enabled={text.enabled}
        onCaption={(t) => {
          pictures.caption.value = t;
        }}
        onSend={() => void pictures.send()}
        onCancel={pictures.cancel}
        onRetake={() => void camera.retake()}
      />
    );
  }
  if (templates.open.value) {
    return (
      <TemplatePicker
        templates={templates.list.value}
        loadError={templates.loadError.value}
        chosen={templates.chosen.value}
        filled={templates.filled.value}
        typed={templates.typed.value}
        sources={{
          contactName: conversation.contact.value?.name ?? '',
          userName: session.value?.user?.name ?? '',
          orgName: session.value?.org?.name ?? '',
        }}
        showProblems={templates.showProblems.value}
        availability={tpl}
        contactName={name}
        headerPicture={
          templates.needsPicture.value
            ? {
                picture: templates.picture.value,
                error: templates.pictureError.value,
                sending: templates.sending.value,
                onChoose: (file) => void templates.choosePicture(file),
                onRemove: templates.removePicture,
              }
            : undefined
        }
        onChoose={templates.choose}
        onField={templates.setField}
        onSend={() => void templates.send()}
        onCancel={templates.close}
        onReload={() => void templates.reload()}
      />
    );
  }
  return (
    <>
      <ErrorAlert message={pictures.error.value} />
      <Composer
        draft={composer.draft.value}
        availability={text}
        onInput={(t) => {
          composer.draft.value = t;
        }}
        onSend={() => void composer.sendDraft()}
        plus={{
          templates: tpl,
          pictures: text,
          onTemplates: () => void templates.show(),
          onFile: (file) => void pictures.chooseFile(file),
          onCamera: () => void camera.open(),
        }}
      />
    </>
  );
}
