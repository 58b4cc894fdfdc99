import { foldForSearch } from './profile';

describe('foldForSearch', () => {
  it('drops case, accents and Arabic diacritics and tatweel', () => {
    expect(foldForSearch('Crédito RURAL')).toBe('credito rural');
    expect(foldForSearch('تَسْـويق')).toBe('تسويق');
  });

  it('drops the Arabic article, alone or after a joined particle, so both forms match', () => {
    expect(foldForSearch('التسويق')).toBe('تسويق');
    expect(foldForSearch('والتسويق بالتسعير للتسويق')).toBe('تسويق تسعير تسويق');
    expect(foldForSearch('السيولة النقدية')).toBe('سيولة نقدية');
    expect(foldForSearch('خبرة في التسويق')).toBe('خبرة في تسويق');
  });

  it('keeps short words and the letters inside a word', () => {
    expect(foldForSearch('الى')).toBe('الى');
    expect(foldForSearch('مال المال')).toBe('مال مال');
    expect(foldForSearch('salt sale')).toBe('salt sale');
  });

  it('folds a word with or without its article, and its hamza, to the same form', () => {
    expect(foldForSearch('الالتزام')).toBe(foldForSearch('التزام'));
    expect(foldForSearch('الإلكترونية')).toBe(foldForSearch('إلكترونية'));
    expect(foldForSearch('الإلكترونية')).toBe(foldForSearch('الكترونية'));
  });

  it('changes nothing when folding twice', () => {
    for (const text of ['الالتزام بالإلكترونية', 'Crédito للمتاجر', 'الى المال'])
      expect(foldForSearch(foldForSearch(text))).toBe(foldForSearch(text));
  });
});
