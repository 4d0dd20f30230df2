// Small building blocks every options section shares: a titled section, the in-place notes of a
// task (failures announced as alerts, successes as status), and words only screen readers need.
import type { ComponentChildren } from 'preact';
import type { Task } from '../../models/options/task';

export function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section id={props.id} class="section" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** The live regions stay in the page so a new message in them is announced. */
export function TaskNotes(props: { task: Task; busyText?: string }) {
  const { task, busyText } = props;
  const status = task.busy.value && busyText ? busyText : (task.done.value ?? '');
  return (
    <>
      <p class="note note--error" role="alert">
        {task.error.value ?? ''}
      </p>
      <p class="note note--done" role="status">
        {status}
      </p>
    </>
  );
}

export function Hidden(props: { children: ComponentChildren }) {
  return <span class="visually-hidden">{props.children}</span>;
}

export function formValues(form: HTMLFormElement): (name: string) => string {
  const data = new FormData(form);
  return (name) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : '';
  };
}
