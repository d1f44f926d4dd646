import type { Core } from '@strapi/strapi';
import type { NoticeAddressees } from '../domain/notice-access';
import { UID } from './uids';

/** Who a notice is addressed to, read through the Query Engine; null when there is no such notice. */
export async function noticeAddressees(
  strapi: Core.Strapi,
  documentId: string
): Promise<NoticeAddressees | null> {
  const notice = (await strapi.db.query(UID.notice).findOne({
    where: { documentId },
    select: ['id'],
    populate: { targetGrids: { select: ['id'] }, targetDepartments: { select: ['id'] } },
  })) as {
    targetGrids?: Array<{ id: number }>;
    targetDepartments?: Array<{ id: number }>;
  } | null;
  if (!notice) return null;
  return {
    gridIds: (notice.targetGrids ?? []).map((grid) => grid.id),
    departmentIds: (notice.targetDepartments ?? []).map((department) => department.id),
  };
}
