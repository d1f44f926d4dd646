import { newDocumentId } from './document-ids';

describe('document ids for set-based rows', () => {
  it("have the shape of Strapi's document ids", () => {
    for (let i = 0; i < 1000; i++) expect(newDocumentId()).toMatch(/^[a-z][a-z0-9]{23}$/);
  });

  it('do not repeat over 200,000 draws and use the whole alphabet evenly', () => {
    const seen = new Set<string>();
    const counts = new Map<string, number>();
    for (let i = 0; i < 200_000; i++) {
      const id = newDocumentId();
      seen.add(id);
      for (const char of id.slice(1)) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect(seen.size).toBe(200_000);
    expect(counts.size).toBe(36);
    const expected = (200_000 * 23) / 36;
    for (const count of counts.values())
      expect(Math.abs(count - expected) / expected).toBeLessThan(0.03);
  });
});
