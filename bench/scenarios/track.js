'use strict';

/**
 * The resident's tracking lookup against a bare findOne. Control: the plain core `findOne` of the
 * bench-control type (public). Project: GET /api/items/track/:trackingCode (public): the item with
 * its handling unit's name, its events, and the domain's public view (labels, public timeline).
 * The tracked item has been submitted and moved through a few workflow steps, so its timeline
 * is not trivially short.
 */
module.exports = {
  name: 'track',
  order: 15,
  description: 'GET one row by key (public): bare Strapi findOne vs the tracking lookup',
  async prepare(ctx) {
    const control = (await ctx.client.get('/api/bench-control/controls?pagination[pageSize]=1'))
      .body.data[0];
    ctx.controlDocumentId = control.documentId;
    const receipt = await ctx.client.post(
      '/api/items',
      {
        data: {
          title: '垃圾未清运',
          content: '小区垃圾三天没人收',
          grid: ctx.fixtures.gridDocumentId,
          category: ctx.fixtures.categoryDocumentId,
        },
      },
      { expect: 201 }
    );
    ctx.trackingCode = receipt.body.data.trackingCode;
    const item = (
      await ctx.client.get(
        `/content-manager/collection-types/api::item.item?filters[trackingCode][$eq]=${ctx.trackingCode}`,
        { token: ctx.adminJwt }
      )
    ).body.results[0];
    for (const [action, data] of [
      ['accept', {}],
      ['start', {}],
    ]) {
      // A super admin without a staff record acts as the county coordinator; a refused step is fine.
      await ctx.client.post(
        `/minyi/items/${item.documentId}/actions/${action}`,
        { data },
        { token: ctx.adminJwt, expect: [200, 409] }
      );
    }
  },
  targets(ctx) {
    return {
      control: {
        label: 'control findOne',
        path: `/api/bench-control/controls/${ctx.controlDocumentId}`,
      },
      project: [{ label: 'tracking lookup', path: `/api/items/track/${ctx.trackingCode}` }],
    };
  },
};
