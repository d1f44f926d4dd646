import type { ActionInputField, ItemDue, UnitRef } from '../../../shared/contracts';
import type { WorkingCalendar } from './calendar';
import { STATUS_LABELS_ZH } from './labels';
import { ACTION_RULES, type Action } from './state-machine';
import { type ItemStatus, isTerminalStatus } from './vocabulary';

/**
 * What the item panel shows that is a rule rather than a lookup: the due time's countdown in
 * working time, and the form each handling action needs (the inputs of domain/action-input.ts,
 * with the targets a person may choose from).
 */

const WORKING_HOURS_PER_DAY = 8;

/** 2 个工作日 3 小时 / 5 小时 / 不足 1 小时, from working minutes. */
export function workingTimeZh(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / WORKING_HOURS_PER_DAY);
  const rest = hours - days * WORKING_HOURS_PER_DAY;
  if (days === 0 && rest === 0) return '不足 1 小时';
  return [days > 0 ? `${days} 个工作日` : '', rest > 0 ? `${rest} 小时` : '']
    .filter(Boolean)
    .join(' ');
}

export function dueOf(
  calendar: WorkingCalendar,
  item: { status: ItemStatus; dueAt: Date | null; pausedAt: Date | null },
  now: Date
): ItemDue {
  const dueAt = item.dueAt ? item.dueAt.toISOString() : null;
  if (isTerminalStatus(item.status)) {
    return {
      dueAt,
      workingMinutesLeft: null,
      workingMinutesOverdue: null,
      overdue: false,
      stopped: true,
      label: STATUS_LABELS_ZH[item.status],
    };
  }
  if (item.pausedAt) {
    return {
      dueAt,
      workingMinutesLeft: null,
      workingMinutesOverdue: null,
      overdue: false,
      stopped: true,
      label: '已暂停计时',
    };
  }
  if (!item.dueAt) {
    return {
      dueAt,
      workingMinutesLeft: null,
      workingMinutesOverdue: null,
      overdue: false,
      stopped: false,
      label: '未定时限',
    };
  }
  if (item.dueAt.getTime() <= now.getTime()) {
    const minutes = Math.round(calendar.workingHoursBetween(item.dueAt, now) * 60);
    return {
      dueAt,
      workingMinutesLeft: 0,
      workingMinutesOverdue: minutes,
      overdue: true,
      stopped: false,
      label: minutes >= 60 ? `已超期 ${workingTimeZh(minutes)}` : '已超期',
    };
  }
  const minutes = Math.round(calendar.workingHoursBetween(now, item.dueAt) * 60);
  return {
    dueAt,
    workingMinutesLeft: minutes,
    workingMinutesOverdue: null,
    overdue: false,
    stopped: false,
    label: `剩余 ${workingTimeZh(minutes)}`,
  };
}

/** The choices an assignment may offer this person (loaded by the service from their unit). */
export interface AssignTargets {
  grids: UnitRef[];
  departments: UnitRef[];
  leaders: Array<{ documentId: string; name: string }>;
}

const note = (label = '备注', required = false): ActionInputField => ({
  name: 'note',
  kind: 'text',
  label,
  required,
  maxLength: 2000,
});
const reason = (label: string): ActionInputField => ({
  name: 'reason',
  kind: 'text',
  label,
  required: true,
  maxLength: 2000,
});

/** The inputs of each action's form, as ACTION_INPUT takes them. */
export function actionInputs(action: Action, targets: AssignTargets): ActionInputField[] {
  // 督办 joins the state machine in issue 10's server work; compared as a string until then.
  if ((action as string) === 'supervise') return [note('督办意见', true)];
  switch (action) {
    case 'assign': {
      const inputs: ActionInputField[] = [];
      if (targets.grids.length > 0)
        inputs.push({
          name: 'grid',
          kind: 'grid',
          label: '承办网格/乡镇',
          required: false,
          targets: targets.grids,
        });
      if (targets.departments.length > 0) {
        inputs.push({
          name: 'leadDepartment',
          kind: 'department',
          label: '牵头单位',
          required: false,
          targets: targets.departments,
        });
        inputs.push({
          name: 'coDepartments',
          kind: 'departments',
          label: '协办单位',
          required: false,
          targets: targets.departments,
        });
      }
      if (targets.leaders.length > 0)
        inputs.push({
          name: 'leadLeader',
          kind: 'staff',
          label: '领办领导',
          required: false,
          targets: targets.leaders,
        });
      inputs.push({
        name: 'complexity',
        kind: 'enum',
        label: '复杂程度',
        required: false,
        options: [
          { value: 'simple', label: '简单' },
          { value: 'complex', label: '复杂' },
          { value: 'multi-department', label: '多部门' },
        ],
      });
      inputs.push(note('交办说明'));
      return inputs;
    }
    case 'resolve':
      return [
        {
          name: 'reply',
          kind: 'text',
          label: '办理答复(将告知群众)',
          required: true,
          maxLength: 5000,
        },
      ];
    case 'return':
      return [reason('退回理由')];
    case 'reject':
      return [reason('不予受理理由')];
    case 'request-extension':
      return [
        reason('延期理由'),
        {
          name: 'workingDays',
          kind: 'integer',
          label: '延长工作日数',
          required: false,
          min: 1,
          max: 60,
        },
        { name: 'until', kind: 'datetime', label: '或:新的办理时限', required: false },
      ];
    case 'reject-extension':
      return [reason('驳回理由')];
    case 'escalate':
      return [reason('上报理由')];
    case 'reopen':
      return [reason('重新办理理由')];
    case 'link-duplicate':
      return [
        { name: 'duplicateOf', kind: 'item', label: '重复的原事项(查询码)', required: true },
        note(),
      ];
    default:
      return [note()];
  }
}

export function actionRule(
  action: Action
): 'grid-or-lead-department' | 'working-days-xor-until' | null {
  if (action === 'assign') return 'grid-or-lead-department';
  if (action === 'request-extension') return 'working-days-xor-until';
  return null;
}

export function actionLabelZh(action: Action): string {
  return ACTION_RULES[action].labelZh;
}
