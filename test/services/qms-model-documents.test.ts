// Model documents: the province publishes the framework model's internal procedures through
// its feed, an office pulls them and adopts one as a draft document of its own (a document and
// its first revision on the record mechanism); bad input is refused with Vietnamese reasons.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpDatabase } from '../support/backend';
import { provinceFixture } from '../sync/support/env';

const province = provinceFixture();
const shipped = JSON.parse(
  fs.readFileSync(path.resolve('resources/qms/model-documents.json'), 'utf8'),
) as { documents: { code: string; title: string; sections: Record<string, string> }[] };

const publish = (body: unknown) =>
  province.h.admin.call('POST', '/v1/admin/feed/model-documents', { body });

describe('model documents', () => {
  it('reach the office through the feed and are adopted as a draft document', async () => {
    expect(shipped.documents.map((d) => d.code)).toEqual([
      'QT-KSTL',
      'QT-KSHS',
      'QT-ĐGNB',
      'QT-KPH',
      'QT-XXLĐ',
    ]);
    const reply = await publish({ documents: shipped.documents });
    expect(reply.status).toBe(201);
    const o = await province.office();
    expect((await o.engine.run()).ok).toBe(true);
    const list = await o.app.ok('thuky')('models.list', {});
    expect(list.map((m) => m.code).sort()).toEqual(shipped.documents.map((d) => d.code).sort());
    expect(list.every((m) => m.version === 1 && m.documentId === null)).toBe(true);

    const before = dumpDatabase(o.app.backend);
    const desk = await o.app.as('motcua')('models.adopt', { code: 'QT-KSHS' });
    expect(desk.ok || desk.error.message).toBe('Vai trò của bạn không được tạo tài liệu.');
    const unknown = await o.app.as('thuky')('models.adopt', { code: 'QT-KHONG' });
    expect(unknown.ok || unknown.error.code).toBe('NOT_FOUND');
    expect(dumpDatabase(o.app.backend)).toBe(before);

    const adopted = await o.app.ok('thuky')('models.adopt', { code: 'QT-KSHS' });
    expect(adopted.document).toMatchObject({
      kind: 'document',
      state: 'active',
      code: 'QT-KSHS',
      title: 'Quy trình kiểm soát hồ sơ',
      data: { docType: 'procedure', ownerRole: 'iso_coordinator' },
    });
    expect(adopted.revision).toMatchObject({
      kind: 'revision',
      state: 'draft',
      parentId: adopted.document.id,
      ownerId: o.app.users['thuky'],
      data: { issueNo: 1, documentId: adopted.document.id },
    });
    const model = shipped.documents.find((d) => d.code === 'QT-KSHS');
    expect(adopted.revision.data.sections).toEqual(model?.sections);
    // The draft goes on through the usual review: the secretary submits it.
    const submitted = await o.app.ok('thuky')('qms.transition', {
      id: adopted.revision.id,
      transition: 'submit',
      rev: adopted.revision.rev,
    });
    expect(submitted.state).toBe('in_review');
    const again = await o.app.as('chutich')('models.adopt', { code: 'QT-KSHS' });
    expect(again.ok || again.error.message).toContain('đã có tài liệu mã QT-KSHS');
    const listed = await o.app.ok('thuky')('models.list', {});
    expect(listed.find((m) => m.code === 'QT-KSHS')?.documentId).toBe(adopted.document.id);

    // A withdrawn model is no longer offered.
    const withdraw = await publish({
      documents: [{ ...shipped.documents[0], withdrawn: true }],
    });
    expect(withdraw.status).toBe(201);
    expect((await o.engine.run()).ok).toBe(true);
    const after = await o.app.ok('thuky')('models.list', {});
    expect(after.map((m) => m.code)).not.toContain('QT-KSTL');
  });

  it('refuses a bad model document with a Vietnamese reason', async () => {
    const base = shipped.documents[1];
    const cases: [unknown, string][] = [
      [{ documents: [] }, 'Chọn ít nhất một tài liệu mẫu'],
      [{ documents: [{ ...base, code: 'qt kshs' }] }, 'Mã tài liệu gồm chữ in hoa'],
      [{ documents: [{ ...base, title: '  ' }] }, 'Nhập tên tài liệu'],
      [{ documents: [base, base] }, 'trùng mã tài liệu'],
      [{ documents: [{ ...base, sections: { purpose: 'x'.repeat(20_001) } }] }, 'Mục quá dài'],
    ];
    for (const [body, message] of cases) {
      const reply = await publish(body);
      expect(reply.status).toBe(400);
      expect(JSON.stringify(reply.body)).toContain(message);
    }
  });
});
