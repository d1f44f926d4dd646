import escapeHtml from 'escape-html';
import { SATISFACTION_LABELS_ZH, SATISFACTION_LEVELS } from '../domain/resident-feedback';

/**
 * The resident's feedback pages (the link in the resolution mail opens them in a browser). Every
 * value that came from a person is escaped; the page posts back to its own address (CSP form-action 'self').
 */
function page(title: string, body: string): string {
  return (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<p>${escapeHtml(message)}</p>`);
}

export function feedbackFormPage(item: { title: string; trackingCode: string }): string {
  const options = SATISFACTION_LEVELS.map(
    (level) =>
      `<label><input type="radio" name="satisfaction" value="${level}" required> ${SATISFACTION_LABELS_ZH[level]}</label>`
  ).join('<br>');
  return page(
    '办理结果评价',
    `<p>事项:${escapeHtml(item.title)}(查询码 ${escapeHtml(item.trackingCode)})</p>` +
      '<form method="post"><fieldset><legend>问题是否已解决?</legend>' +
      '<label><input type="radio" name="solved" value="yes" required> 已解决</label> ' +
      '<label><input type="radio" name="solved" value="no"> 未解决</label></fieldset>' +
      `<fieldset><legend>满意度</legend>${options}</fieldset><button type="submit">提交评价</button></form>`
  );
}
