import path from 'path';

/**
 * Rows written with set-based statements (sweep events, outbox) need Strapi document ids. Use the
 * cuid2 that Strapi core itself loads, so the ids are Strapi's own kind.
 */
function loadCreateId(): () => string {
  const core = path.dirname(require.resolve('@strapi/core/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved at run time from Strapi core
  return (require(require.resolve('@paralleldrive/cuid2', { paths: [core] })) as { createId: () => string }).createId;
}

const documentIds = () => {
  const createId = loadCreateId();
  return { create: (): string => createId() };
};

export default documentIds;
