// The answer to every host that names no tenant: fixed bytes, no branding,
// nothing that depends on the request, so probing hostnames reveals nothing.
export const UNKNOWN_HOST_HTML = Buffer.from(
  `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found</title></head>
<body>
<main>
<h1>Not found</h1>
<p>There is no mentoring programme at this address. Check the link you followed.</p>
<p lang="es">No hay ningún programa de mentoría en esta dirección.</p>
<p lang="fr">Il n’y a aucun programme de mentorat à cette adresse.</p>
<p lang="ar" dir="rtl">لا يوجد برنامج إرشاد على هذا العنوان.</p>
<p lang="id">Tidak ada program pendampingan di alamat ini.</p>
</main>
</body>
</html>
`,
  'utf8',
);
