import {
  Badge,
  Box,
  Button,
  Checkbox,
  Flex,
  LinkButton,
  Modal,
  Searchbar,
  SearchForm,
  Table,
  Tabs,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import {
  Layouts,
  Page,
  Pagination,
  useFetchClient,
  useNotification,
  useQueryParams,
  useRBAC,
} from '@strapi/strapi/admin';
import { useEffect, useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';

import {
  WORKBENCH_TABS,
  type WorkbenchBulkRequest,
  type WorkbenchBulkResponse,
  type WorkbenchRow,
  type WorkbenchTab,
} from '../../../shared/contracts';
import { BulkAssign } from '../components/BulkAssign';
import { VersionLine } from '../components/VersionLine';
import { useWorkbench } from '../hooks/useWorkbench';
import { INTAKE_PERMISSIONS, WORKBENCH_PERMISSIONS } from '../permissions';
import { formatDateTime, itemEditPath } from '../utils/format';
import { readRefusal } from '../utils/refusal';
import { useT } from '../utils/useT';
import { StructureImportHint } from '../components/StructureImportHint';

interface WorkbenchParams {
  tab?: string;
  q?: string;
  page?: string;
  pageSize?: string;
}

const isTab = (value: string | undefined): value is WorkbenchTab =>
  (WORKBENCH_TABS as readonly string[]).includes(value ?? '');

const Row = ({
  row,
  selected,
  onSelect,
}: {
  row: WorkbenchRow;
  selected: boolean;
  onSelect: (selected: boolean) => void;
}) => {
  const t = useT();
  return (
    <Tr data-testid="minyi-workbench-row" data-overdue={row.overdue ? 'true' : 'false'}>
      <Td>
        <Checkbox
          aria-label={row.trackingCode}
          disabled={row.bulkActions.length === 0}
          checked={selected}
          onCheckedChange={(checked: boolean) => onSelect(checked === true)}
        />
      </Td>
      <Td>
        <RouterLink to={itemEditPath(row.documentId)} data-testid="minyi-workbench-link">
          <Typography fontWeight="bold" textColor="primary600">
            {row.trackingCode}
          </Typography>
        </RouterLink>
      </Td>
      <Td style={{ maxWidth: 320 }}>
        <Typography ellipsis>{row.title}</Typography>
      </Td>
      <Td>
        <Typography>{row.status.label}</Typography>
      </Td>
      <Td>
        <Typography>{row.level.label}</Typography>
      </Td>
      <Td>
        <Typography>
          {row.owningUnit?.name ?? '—'}
          {row.part === 'co-handling' ? ` · ${t('workbench.part.co', '协办')}` : ''}
        </Typography>
      </Td>
      <Td>
        <Flex gap={2}>
          <Typography>{formatDateTime(row.dueAt)}</Typography>
          {row.overdue && (
            <Badge backgroundColor="danger100" textColor="danger700">
              {t('workbench.overdue', '已超期')}
            </Badge>
          )}
        </Flex>
      </Td>
      <Td>
        <Typography>{formatDateTime(row.receivedAt)}</Typography>
      </Td>
    </Tr>
  );
};

/**
 * 工作台: the items the user's unit owns, in tabs with counts, overdue first then by due time;
 * search by tracking code, title or phone; server-side pages; bulk accept and assign.
 */
const Workbench = () => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [{ query }, setQuery] = useQueryParams<WorkbenchParams>();
  const tab = isTab(query.tab) ? query.tab : undefined;
  const page = Number(query.page ?? 1) || 1;
  const pageSize = Number(query.pageSize ?? 20) || 20;
  const { answer, refusal, loading, reload } = useWorkbench({ tab, q: query.q, page, pageSize });
  const [search, setSearch] = useState(query.q ?? '');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assigning, setAssigning] = useState(false);
  const {
    allowedActions: { canRead: canRegister },
  } = useRBAC({ read: INTAKE_PERMISSIONS });

  const rows = answer?.data.rows ?? [];
  const currentTab = answer?.data.tab ?? tab ?? 'to-accept';
  useEffect(() => setSelected(new Set()), [answer]);

  const chosen = useMemo(
    () => rows.filter((row) => selected.has(row.documentId)),
    [rows, selected]
  );
  const canBulk = (action: 'accept' | 'assign') =>
    chosen.length > 0 && chosen.every((row) => row.bulkActions.includes(action));

  async function bulk(action: 'accept' | 'assign', input?: Record<string, unknown>) {
    const body: WorkbenchBulkRequest = {
      data: { action, documentIds: chosen.map((row) => row.documentId), input },
    };
    try {
      const response = await post<WorkbenchBulkResponse>('/minyi/workbench/bulk', body);
      const results = response.data.data;
      const failed = results.filter((result) => !result.ok);
      toggleNotification({
        type: failed.length === 0 ? 'success' : 'warning',
        message:
          failed.length === 0
            ? t('workbench.bulk.done', '已处理 {count} 件', { count: results.length })
            : t('workbench.bulk.partly', '已处理 {ok} 件,{failed} 件未处理:{reason}', {
                ok: results.length - failed.length,
                failed: failed.length,
                reason: failed
                  .map((result) => ('reason' in result ? result.reason.zh : ''))
                  .join(';'),
              }),
      });
    } catch (error) {
      toggleNotification({
        type: 'danger',
        message: readRefusal(error, t('actions.error.failed', '操作未完成,请稍后重试')).reason,
      });
    }
    setAssigning(false);
    reload();
  }

  return (
    <Page.Main>
      <Page.Title>{t('workbench.title', '工作台')}</Page.Title>
      <Layouts.Header
        title={t('workbench.title', '工作台')}
        subtitle={
          answer
            ? t('workbench.unit', '本单位:{unit}', { unit: answer.data.unit.label })
            : undefined
        }
        primaryAction={
          canRegister ? (
            <LinkButton tag={RouterLink} to="intake" data-testid="minyi-workbench-register">
              {t('intake.title', '登记民意')}
            </LinkButton>
          ) : undefined
        }
      />
      <Layouts.Content>
        <StructureImportHint />
        {refusal && !answer && <Typography textColor="danger600">{refusal.reason}</Typography>}
        {answer && (
          <Tabs.Root
            value={currentTab}
            onValueChange={(next: string) => setQuery({ tab: next, page: '1' })}
          >
            <Tabs.List aria-label={t('workbench.tabs', '事项分类')}>
              {answer.data.tabs.map((entry) => (
                <Tabs.Trigger
                  key={entry.tab}
                  value={entry.tab}
                  data-testid={`minyi-tab-${entry.tab}`}
                >
                  {entry.label}
                  <Box paddingLeft={2} tag="span">
                    <Badge
                      data-testid={`minyi-tab-count-${entry.tab}`}
                      {...(entry.tab === 'overdue' && entry.count > 0
                        ? { backgroundColor: 'danger100', textColor: 'danger700' }
                        : {})}
                    >
                      {entry.count}
                    </Badge>
                  </Box>
                </Tabs.Trigger>
              ))}
            </Tabs.List>
          </Tabs.Root>
        )}
        <Flex paddingTop={4} paddingBottom={4} gap={2} justifyContent="space-between" wrap="wrap">
          <SearchForm
            onSubmit={(event: React.FormEvent) => {
              event.preventDefault();
              setQuery({ q: search || undefined, page: '1' }, search ? 'push' : 'remove');
            }}
          >
            <Searchbar
              name="q"
              data-testid="minyi-workbench-search"
              value={search}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                setSearch(event.target.value)
              }
              onClear={() => {
                setSearch('');
                setQuery({ q: '' }, 'remove');
              }}
              clearLabel={t('workbench.search.clear', '清除')}
              placeholder={
                answer?.data.searchesPhone
                  ? t('workbench.search.withPhone', '查询码、标题或反映人电话')
                  : t('workbench.search', '查询码或标题')
              }
            >
              {t('workbench.search.label', '搜索')}
            </Searchbar>
          </SearchForm>
          <Flex gap={2}>
            <Button
              variant="secondary"
              disabled={!canBulk('accept')}
              data-testid="minyi-bulk-accept"
              onClick={() => bulk('accept')}
            >
              {t('workbench.bulk.accept', '批量受理')}
            </Button>
            <Button
              variant="secondary"
              disabled={!canBulk('assign')}
              data-testid="minyi-bulk-assign"
              onClick={() => setAssigning(true)}
            >
              {t('workbench.bulk.assign', '批量交办')}
            </Button>
          </Flex>
        </Flex>
        <Table colCount={8} rowCount={rows.length + 1} data-testid="minyi-workbench-table">
          <Thead>
            <Tr>
              <Th>
                <Checkbox
                  aria-label={t('workbench.selectAll', '全选')}
                  checked={
                    chosen.length > 0 &&
                    chosen.length === rows.filter((row) => row.bulkActions.length > 0).length
                  }
                  onCheckedChange={(checked: boolean) =>
                    setSelected(
                      checked === true
                        ? new Set(
                            rows
                              .filter((row) => row.bulkActions.length > 0)
                              .map((row) => row.documentId)
                          )
                        : new Set()
                    )
                  }
                />
              </Th>
              {[
                t('workbench.col.trackingCode', '查询码'),
                t('workbench.col.title', '标题'),
                t('workbench.col.status', '状态'),
                t('workbench.col.level', '层级'),
                t('workbench.col.unit', '承办单位'),
                t('workbench.col.due', '办理时限'),
                t('workbench.col.received', '收到时间'),
              ].map((label) => (
                <Th key={label}>
                  <Typography variant="sigma">{label}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((row) => (
              <Row
                key={row.documentId}
                row={row}
                selected={selected.has(row.documentId)}
                onSelect={(isSelected) =>
                  setSelected((previous) => {
                    const next = new Set(previous);
                    if (isSelected) next.add(row.documentId);
                    else next.delete(row.documentId);
                    return next;
                  })
                }
              />
            ))}
          </Tbody>
        </Table>
        {answer && rows.length === 0 && !loading && (
          <Box padding={6}>
            <Typography textColor="neutral600" data-testid="minyi-workbench-empty">
              {t('workbench.empty', '此栏暂无事项')}
            </Typography>
          </Box>
        )}
        {answer && (
          <Box paddingTop={4}>
            <Pagination.Root
              pageCount={answer.meta.pagination.pageCount}
              total={answer.meta.pagination.total}
              defaultPageSize={pageSize}
            >
              <Pagination.PageSize />
              <Pagination.Links />
            </Pagination.Root>
          </Box>
        )}
        <Box paddingTop={6}>
          <VersionLine />
        </Box>
        <Modal.Root
          open={assigning}
          onOpenChange={(isOpen: boolean) => !isOpen && setAssigning(false)}
        >
          {assigning && (
            <Modal.Content>
              <Modal.Header>
                <Modal.Title>{t('workbench.bulk.assign', '批量交办')}</Modal.Title>
              </Modal.Header>
              <BulkAssign
                documentIds={chosen.map((row) => row.documentId)}
                onClose={() => setAssigning(false)}
                onSubmit={(input) => bulk('assign', input)}
              />
            </Modal.Content>
          )}
        </Modal.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

export const WorkbenchPage = () => (
  <Page.Protect permissions={WORKBENCH_PERMISSIONS}>
    <Workbench />
  </Page.Protect>
);
