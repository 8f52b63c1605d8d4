// The conformity announcement decision printed (HTML for the preview and PDF) and as a Word
// file (.docx), from one block description (core/qms/announcement-print.ts) and the wording
// in resources/qms/announcement.json. An approved decision carries its own number and signing
// date; a draft prints with both left for the chairman.
import fs from 'node:fs';
import path from 'node:path';
import { instantOf } from '../../core/calendar/civil-time';
import {
  announcementDecisionDoc,
  announcementTemplate,
  type AnnouncementTemplate,
} from '../../core/qms/announcement-print';
import type { AnnouncementData } from '../../core/qms/announcement';
import { office as officeTable } from '../../db/schema';
import type { Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { fileSafe } from './docx-out';
import { printedPage, wordFile } from './printable-out';
import { loadRecord } from './records';

const templates = new Map<string, AnnouncementTemplate>();

function template(resourcesDir: string): AnnouncementTemplate {
  let t = templates.get(resourcesDir);
  if (!t) {
    const file = path.join(resourcesDir, 'qms', 'announcement.json');
    t = announcementTemplate.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    templates.set(resourcesDir, t);
  }
  return t;
}

/** 'Xã Tân Lập' → 'Ủy ban nhân dân xã Tân Lập', as a decision names its issuer. */
export function officeName(ctx: Ctx): string {
  const commune = ctx.db.select({ commune: officeTable.commune }).from(officeTable).get()?.commune;
  const place = (commune ?? '').trim();
  return `Ủy ban nhân dân ${place.charAt(0).toLowerCase()}${place.slice(1)}`.trim();
}

function decision(ctx: Ctx, id: string) {
  const r = loadRecord(ctx.db, id, 'announcement');
  const data = r.data as AnnouncementData;
  const approved = r.state === 'approved' || r.state === 'superseded';
  const deputy = data.signerTitle === 'Phó Chủ tịch';
  const doc = announcementDecisionDoc(template(ctx.resourcesDir), {
    officeName: officeName(ctx),
    data,
    approved,
    signer: deputy ? { authority: 'KT. Chủ tịch', title: 'Phó Chủ tịch' } : { title: 'Chủ tịch' },
    printedAt: ctx.now(),
    signedAt: approved && data.signedOn ? instantOf(data.signedOn, '08:00') : null,
  });
  return { doc, name: `quyet-dinh-cong-bo-htqlcl_${fileSafe(r.code)}` };
}

export const announcementOutputHandlers: PartialHandlers = {
  'announcements.print': (ctx, input) => printedPage(ctx, decision(ctx, input.id).doc),
  'announcements.exportDocx': (ctx, input) => {
    const { doc, name } = decision(ctx, input.id);
    return wordFile(ctx, doc, name);
  },
};
