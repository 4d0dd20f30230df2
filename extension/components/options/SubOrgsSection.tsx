// Sub-orgs: the teams of the org with how many users each has; create, rename, delete.
import type { SubOrg, SubOrgsModel } from '../../models/options/sub-orgs';
import { formValues, Hidden, Section, TaskNotes } from './ui';

function SubOrgItem(props: { subOrg: SubOrg; model: SubOrgsModel }) {
  const { subOrg, model } = props;
  const onRename = (event: Event) => {
    event.preventDefault();
    void model.rename(subOrg.id, formValues(event.currentTarget as HTMLFormElement)('name'));
  };
  return (
    <li class="list__item">
      <form class="form form--inline" onSubmit={onRename} key={subOrg.name}>
        <label class="field">
          <span>
            Name<Hidden> of {subOrg.name}</Hidden>
          </span>
          <input name="name" required defaultValue={subOrg.name} />
        </label>
        <span class="count">{subOrg.userCount === 1 ? '1 user' : `${subOrg.userCount} users`}</span>
        <button type="submit" class="button">
          Rename<Hidden> {subOrg.name}</Hidden>
        </button>
        <button type="button" class="button button--danger" onClick={() => void model.remove(subOrg)}>
          Delete<Hidden> {subOrg.name}</Hidden>
        </button>
      </form>
    </li>
  );
}

export function SubOrgsSection(props: { subOrgs: SubOrgsModel }) {
  const { subOrgs: model } = props;
  const onCreate = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    void model.create(formValues(form)('name')).then((ok) => ok && form.reset());
  };
  return (
    <Section id="sub-orgs" title="Sub-orgs">
      <ul class="list">
        {model.subOrgs.value.map((s) => (
          <SubOrgItem key={s.id} subOrg={s} model={model} />
        ))}
      </ul>
      <TaskNotes task={model.task} />
      <form class="form form--inline" onSubmit={onCreate}>
        <label class="field">
          <span>New sub-org name</span>
          <input name="name" required maxLength={100} />
        </label>
        <button type="submit" class="button button--primary">
          Create sub-org
        </button>
      </form>
    </Section>
  );
}
