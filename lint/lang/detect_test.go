package lang_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

// adCopy is the copy a member reads in a template: the subject, every
// message body and every button label of its first variant, as the engine
// will hand it to Detect.
func adCopy(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tpl := render.Parse(path, data)
	vs, probs := tpl.Render(sandbox.DefaultLimits)
	if len(probs) > 0 || len(vs) == 0 {
		t.Fatalf("%s does not render: %v", path, probs)
	}
	v := vs[0]
	parts := []string{v.Subject.S}
	for _, m := range v.Messages {
		parts = append(parts, m.Body.S)
		for _, b := range m.Buttons {
			parts = append(parts, b.Label.S)
		}
	}
	return strings.Join(parts, "\n\n")
}

// samples returns the native sample templates by language.
func samples(t testing.TB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, tag := range lang.Supported() {
		files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "lang", tag, "*.md"))
		if err != nil {
			t.Fatal(err)
		}
		out[tag] = files
	}
	return out
}

// TestDetectSamples: every native sample, clean or flawed, is detected as
// its language, confidently.
func TestDetectSamples(t *testing.T) {
	n := 0
	for tag, files := range samples(t) {
		if len(files) < 3 {
			t.Errorf("testdata/lang/%s has %d samples; want a Message Ad, a Conversation Ad and a flawed one", tag, len(files))
		}
		for _, f := range files {
			n++
			got, ok := lang.Detect(adCopy(t, f))
			if got != tag || !ok {
				t.Errorf("Detect(%s) = %q, %v; want %q, true", f, got, ok, tag)
			}
		}
	}
	if n == 0 {
		t.Fatal("no samples found")
	}
}

// shortTexts are a subject line or a one-sentence body per language:
// each must be detected correctly when Detect is confident, and most are.
var shortTexts = []struct{ lang, text string }{
	{"en", "Join 8 CMOs for dinner in Chicago?"},
	{"en", "Your copy of the budget benchmark"},
	{"en", "A faster month-end close"},
	{"en", "%FIRSTNAME%, is your forecast on track?"},
	{"en", "What 500 leaders told us about churn"},
	{"de", "Ihr Forecast im Griff?"},
	{"de", "Kurze Frage zum Monatsabschluss"},
	{"de", "Einladung zum CFO-Frühstück in München"},
	{"de", "%FIRSTNAME%, sind Sie am Donnerstag dabei?"},
	{"de", "Was 500 Führungskräfte über Churn sagen"},
	{"fr", "Votre prévision tient-elle la route ?"},
	{"fr", "Une question sur vos clôtures"},
	{"fr", "Invitation : petit-déjeuner DAF à Lyon"},
	{"fr", "%FIRSTNAME%, serez-vous des nôtres jeudi ?"},
	{"fr", "Ce que 500 dirigeants nous ont dit"},
	{"es", "¿Tu previsión va por buen camino?"},
	{"es", "Una pregunta sobre el cierre mensual"},
	{"es", "Invitación: desayuno para directores financieros"},
	{"es", "%FIRSTNAME%, ¿nos vemos el jueves?"},
	{"es", "Lo que nos contaron 500 directivos"},
	{"it", "Il tuo forecast è sotto controllo?"},
	{"it", "Una domanda sulla chiusura mensile"},
	{"it", "Invito: colazione per CFO a Milano"},
	{"it", "%FIRSTNAME%, ci vediamo giovedì?"},
	{"it", "Cosa ci hanno detto 500 dirigenti"},
	{"nl", "Heeft u uw forecast op orde?"},
	{"nl", "Korte vraag over je maandafsluiting"},
	{"nl", "Uitnodiging: ontbijtsessie voor CFO's"},
	{"nl", "%FIRSTNAME%, ben je er donderdag bij?"},
	{"nl", "Wat 500 managers ons vertelden"},
	{"pt-BR", "Sua previsão de vendas está em dia?"},
	{"pt-BR", "Uma pergunta sobre o fechamento do mês"},
	{"pt-BR", "Convite: café da manhã para CFOs em São Paulo"},
	{"pt-BR", "%FIRSTNAME%, nos vemos na quinta?"},
	{"pt-BR", "O que 500 executivos nos contaram"},
}

// bodies are 200 to 300 characters of B2B copy per language, the length
// of a short Message Ad: each must be detected, confidently.
var bodies = []struct{ lang, text string }{
	{"en", "We surveyed 312 B2B marketing leaders on how they split next year's budget between paid social, events and content. The median team is moving 18% of its event spend into LinkedIn programs. Want a copy before your planning meetings start?"},
	{"en", "Most finance teams lose two days every month chasing receipts. Our customers close the books in four days instead of seven. Would a 20-minute walkthrough be useful?"},
	{"de", "Viele Vertriebsleiter planen ihr Quartal noch mit Tabellen, die niemand mehr aktuell hält. Am 14. März zeigen wir in einem 45-minütigen Webinar, wie ein Team aus 60 Leuten seine Prognose auf 4 % genau bekommt. Darf ich Ihnen einen Platz reservieren?"},
	{"de", "Das hören wir am häufigsten. Ein Logistikunternehmen mit 200 Mitarbeitenden hat mit unserer Belegerfassung pro Monat rund 30 Stunden Suche eingespart. Willst du sehen, wie das aussieht?"},
	{"fr", "Nous avons interrogé 250 directeurs financiers sur la façon dont ils préparent leur budget. La moitié d'entre eux passent encore plus de dix jours sur leurs tableaux Excel. Souhaitez-vous recevoir l'étude complète ?"},
	{"fr", "Chaque mois, vos équipes comptables perdent des heures à relancer les justificatifs. Nos clients bouclent leur clôture en quatre jours au lieu de sept. Puis-je vous montrer comment en vingt minutes ?"},
	{"es", "Hemos preguntado a 300 responsables de marketing cómo reparten el presupuesto del próximo año. La mitad va a destinar más de un 20 % a eventos presenciales. ¿Te enviamos el informe completo antes de tu próxima reunión?"},
	{"es", "Muchos equipos de finanzas pierden dos días al mes buscando facturas. Nuestros clientes cierran el mes en cuatro días en lugar de siete. ¿Le vendría bien una demostración de veinte minutos?"},
	{"it", "Abbiamo chiesto a 200 direttori commerciali come preparano le previsioni di vendita. Più della metà usa ancora fogli di calcolo che nessuno aggiorna. Le farebbe piacere ricevere il rapporto completo prima della pianificazione?"},
	{"it", "Molti team amministrativi perdono due giorni al mese a cercare ricevute e fatture. I nostri clienti chiudono il mese in quattro giorni invece di sette. Ti andrebbe di vedere come in venti minuti?"},
	{"nl", "We vroegen 250 marketingmanagers hoe ze hun budget voor volgend jaar verdelen. De helft besteedt meer dan 20 procent aan evenementen. Zal ik u het volledige rapport sturen voordat uw planning begint?"},
	{"nl", "Veel financiële teams verliezen elke maand twee dagen aan het zoeken naar bonnetjes. Onze klanten sluiten de maand af in vier dagen in plaats van zeven. Wil je zien hoe dat werkt?"},
	{"pt-BR", "Perguntamos a 300 líderes de marketing como eles dividem o orçamento do próximo ano. Metade vai investir mais de 20% em eventos presenciais. Quer receber o relatório completo antes da sua reunião de planejamento?"},
	{"pt-BR", "Muitas equipes financeiras perdem dois dias por mês procurando notas fiscais. Nossos clientes fecham o mês em quatro dias em vez de sete. Você gostaria de ver como funciona em vinte minutos?"},
}

// TestDetectBodies: a 300-character body is enough to be sure.
func TestDetectBodies(t *testing.T) {
	for _, c := range bodies {
		if got, ok := lang.Detect(c.text); got != c.lang || !ok {
			t.Errorf("Detect(%.40q…) = %q, %v; want %q, true", c.text, got, ok, c.lang)
		}
	}
}

// TestDetectShort: a subject line alone is often too short to be sure,
// but a confident answer is never wrong, and most are confident.
func TestDetectShort(t *testing.T) {
	sure := 0
	for _, c := range shortTexts {
		got, ok := lang.Detect(c.text)
		if ok && got != c.lang {
			t.Errorf("Detect(%q) = %q, true; want %q or not confident", c.text, got, c.lang)
		}
		if ok {
			sure++
		}
	}
	t.Logf("%d of %d short texts detected confidently", sure, len(shortTexts))
	if sure*2 < len(shortTexts) {
		t.Errorf("only %d of %d short texts detected confidently; want at least half", sure, len(shortTexts))
	}
}

// unsupported is the same kind of copy in languages without a pack, in
// Latin and other scripts: none may be taken for a supported language.
var unsupported = []struct{ lang, text string }{
	{"pl", "Zapraszamy na bezpłatny webinar o prognozowaniu sprzedaży. Pokażemy, jak zespoły handlowe w Polsce skracają czas raportowania o połowę. Czy mogę zarezerwować dla Pana miejsce?"},
	{"sv", "Vi bjuder in till ett kostnadsfritt webbinarium om försäljningsprognoser. Vi visar hur säljteam i Sverige halverar tiden för rapportering. Vill du att jag reserverar en plats åt dig?"},
	{"da", "Vi inviterer til et gratis webinar om salgsprognoser. Vi viser, hvordan salgsteams i Danmark halverer tiden til rapportering. Vil du have, at jeg reserverer en plads til dig?"},
	{"nb", "Vi inviterer til et gratis webinar om salgsprognoser. Vi viser hvordan salgsteam i Norge halverer tiden de bruker på rapportering. Vil du at jeg skal reservere en plass til deg?"},
	{"id", "Kami mengundang Anda ke webinar gratis tentang perkiraan penjualan. Kami akan menunjukkan bagaimana tim penjualan di Indonesia memangkas waktu pelaporan hingga setengahnya. Apakah Anda ingin saya memesan tempat untuk Anda?"},
	{"tl", "Inaanyayahan ka namin sa isang libreng webinar tungkol sa pagtataya ng benta. Ipapakita namin kung paano pinapaikli ng mga sales team ang oras ng pag-uulat. Gusto mo bang magpareserba ako ng upuan para sa iyo?"},
	{"vi", "Chúng tôi mời bạn tham dự hội thảo trực tuyến miễn phí về dự báo doanh số. Chúng tôi sẽ cho bạn thấy cách các đội bán hàng rút ngắn một nửa thời gian báo cáo. Bạn có muốn tôi giữ chỗ cho bạn không?"},
	{"tr", "Satış tahmini üzerine ücretsiz web seminerimize sizi davet ediyoruz. Satış ekiplerinin raporlama süresini nasıl yarıya indirdiğini göstereceğiz. Sizin için bir yer ayırmamı ister misiniz?"},
	{"cs", "Zveme vás na bezplatný webinář o prognózování prodeje. Ukážeme vám, jak obchodní týmy zkracují čas strávený reportingem na polovinu. Mám vám rezervovat místo?"},
	{"ro", "Vă invităm la un webinar gratuit despre prognoza vânzărilor. Vă vom arăta cum echipele de vânzări reduc la jumătate timpul de raportare. Doriți să vă rezerv un loc?"},
	{"hu", "Meghívjuk Önt egy ingyenes webináriumra az értékesítési előrejelzésről. Megmutatjuk, hogyan csökkentik felére az értékesítési csapatok a jelentéskészítés idejét. Foglaljak Önnek egy helyet?"},
	{"fi", "Kutsumme sinut maksuttomaan webinaariin myyntiennusteista. Näytämme, miten myyntitiimit puolittavat raportointiin kuluvan ajan. Haluatko, että varaan sinulle paikan?"},
	{"ru", "Приглашаем вас на бесплатный вебинар о прогнозировании продаж. Мы покажем, как отделы продаж сокращают время на отчёты вдвое. Забронировать для вас место?"},
	{"ja", "売上予測に関する無料ウェビナーにご招待します。営業チームがレポート作成の時間を半分にする方法をご紹介します。席をお取りしましょうか？"},
	{"zh", "我们诚邀您参加关于销售预测的免费网络研讨会。我们将展示销售团队如何将报告时间缩短一半。需要我为您预留一个席位吗？"},
	{"ar", "ندعوك إلى ندوة مجانية عبر الإنترنت حول توقعات المبيعات. سنوضح كيف تختصر فرق المبيعات وقت إعداد التقارير إلى النصف. هل تريد أن أحجز لك مقعدًا؟"},
	{"hi", "हम आपको बिक्री पूर्वानुमान पर एक मुफ्त वेबिनार में आमंत्रित करते हैं। हम दिखाएंगे कि बिक्री टीमें रिपोर्टिंग का समय आधा कैसे करती हैं। क्या मैं आपके लिए एक सीट आरक्षित करूँ?"},
	{"el", "Σας προσκαλούμε σε ένα δωρεάν διαδικτυακό σεμινάριο για τις προβλέψεις πωλήσεων. Θα σας δείξουμε πώς οι ομάδες πωλήσεων μειώνουν στο μισό τον χρόνο αναφορών."},
}

// TestDetectUnsupported: copy in a language without a pack is never
// detected confidently, so no other language's heuristics apply to it.
func TestDetectUnsupported(t *testing.T) {
	for _, c := range unsupported {
		if got, ok := lang.Detect(c.text); ok {
			t.Errorf("Detect(%s copy) = %q, true; want not confident", c.lang, got)
		}
	}
}

// TestDetectEdges: nothing to go on is not confident, and what is not copy
// (macros, URLs, template actions) does not count.
func TestDetectEdges(t *testing.T) {
	for _, c := range []struct {
		text, want string
		ok         bool
	}{
		{"", "", false},
		{"   \n\n ", "", false},
		{"%FIRSTNAME% %COMPANYNAME%", "", false},
		{"https://example.com/de/das-ist-die-seite-und-der-weg https://example.com/it/della", "", false},
		{"1,200 + 35% = 2027", "", false},
		{"CEO CFO DSGVO ROI", "", false},
		// the actions are English, the copy German
		{"{{/* inboxlint:ignore hype this is the reason why we do it */}}Wir zeigen Ihnen, wie das mit Ihrem Team und Ihren Zahlen funktioniert.", "de", true},
		// an English ad naming German people and places is English
		{"Hi %FIRSTNAME%, Jürgen Weiß from Düsseldorf and Ömer from Köln will join us in Munich next week. Would you like to meet them?", "en", true},
		// the inverted question mark counts for Spanish
		{"¿Hablamos?", "es", false},
	} {
		got, ok := lang.Detect(c.text)
		if got != c.want || ok != c.ok {
			t.Errorf("Detect(%q) = %q, %v; want %q, %v", c.text, got, ok, c.want, c.ok)
		}
	}
}

// TestDetectPortugal documents a limit: European Portuguese reads as
// pt-BR; a template that is pt-PT says so with lang: pt-PT.
func TestDetectPortugal(t *testing.T) {
	text := "Convidamo-lo para um webinar gratuito sobre previsão de vendas. Vamos mostrar como as equipas comerciais reduzem para metade o tempo dedicado aos relatórios. Quer que lhe reserve um lugar?"
	if got, _ := lang.Detect(text); got != "pt-BR" {
		t.Errorf("Detect(pt-PT copy) = %q; want pt-BR, the nearest pack", got)
	}
	if _, ok := lang.Lookup("pt-PT"); ok {
		t.Error(`Lookup("pt-PT") found a pack; want none`)
	}
}

// TestDetectDeterministic: the same text gets the same answer, however
// often and from however many goroutines it is asked.
func TestDetectDeterministic(t *testing.T) {
	text := shortTexts[0].text + " " + bodies[4].text
	want, wantOK := lang.Detect(text)
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			for i := 0; i < 200; i++ {
				if got, ok := lang.Detect(text); got != want || ok != wantOK {
					t.Errorf("Detect gave %q, %v once and %q, %v another time", want, wantOK, got, ok)
					break
				}
			}
			done <- true
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}

// The detector keeps a language in a bit of a 16-bit set and its scores
// in arrays of 16: a seventeenth pack needs a wider set first.
func TestDetectorHoldsEveryPack(t *testing.T) {
	if n := len(lang.Supported()); n > 16 {
		t.Fatalf("%d language packs; the detector holds 16", n)
	}
}
