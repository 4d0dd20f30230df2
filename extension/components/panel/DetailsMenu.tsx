// The details menu (seed: "The Details menu is in the upper right"): add user, remove participant,
// transfer, leave, restart, history and the Unassigned list; unavailable ones say why.
import type { DetailsAction, DetailsItem } from '../../models/panel/team-rules';
import { Menu } from './Menu';

export function DetailsMenu({
  items,
  onAction,
}: {
  items: readonly DetailsItem[];
  onAction: (a: DetailsAction) => void;
}) {
  return (
    <Menu
      label="Conversation details"
      align="end"
      className="details"
      focusHome
      items={items.map((i) => ({ id: i.action, label: i.label, disabled: !i.enabled, reason: i.reason }))}
      onSelect={(id) => onAction(id as DetailsAction)}
    >
      <span aria-hidden="true">⋮</span>
    </Menu>
  );
}
