"""Word lists for the place matcher, shared with ``tools/build_world_places.py``.

GeoNames knows a town for almost every short word: "Anda" (you), "Bahwa", "Barat" (west),
"Vladimir" (a first name). A name is only trusted as a place when it is not one of these
words, so the lists are deliberately generous. All entries are lower case.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


# Frequent Indonesian function words, nouns, verbs and adjectives (news prose).
INDONESIAN_COMMON = word_set(
    """
    ada adalah agar air akan akhir akhirnya aku alam aman amat anak anda antara apa apabila
    arah arti asal atas atau awal awalnya baca badan bagai bagaimana bagi bagian bahkan
    bahwa baik baja bakal balai balik bandar bangsa bangun banyak baru barat batas batu bawah
    beberapa begitu belakang beli belum benar benua berat beras berbagai berita besar besok
    betul biasa bila bisa bukan bulan bumi buruk cara cepat cerita cukup daerah dalam dan dana
    dapat dari darat dasar datang dekat demi dengan depan desa dewan di dia dini dia diri dua
    dulu dunia ekor emas empat enam era gedung gelap gunung hal hampir hanya harga hari harus
    hasil hati hidup hijau hilang hingga hitam hubungan hukum hutan ia ibu ibukota ikut ilmu
    indah ini injil inti istana itu jadi jalan jalur jam jangan jarang jauh jawab jelas jembatan
    jika juga jumlah kabar kadang kala kali kalian kami kamu kanan kantor kapal kapan karena
    karya kata kaum kawan kaya ke kebun kecil kedua kehidupan kejadian kekuatan kelas keluar
    kembali kemudian kepala kepada kerja keras kering kini kira kiri kita kota kuasa kuat kulit
    kuning kurang lagi lahir lain laku laut lawan lebih lewat lima luar lurus maju makan maka
    makin malam malah mana manusia marah masa masih masuk mata mati mau melalui memang menang
    menjadi menurut merah mereka meski milik minggu minta muda mudah mulai mungkin murah musim
    nama namun nanti negara negeri nilai nusa oleh orang pada padang pagi paling panas panjang
    pantai para pasar pasti pasukan patung pekan pendek penuh perang pergi perlu pernah pertama
    pihak pikir pilih pintu pokok pula pulang pulau pun putih putra putri raja rakyat ramai rata
    rendah ribu rumah rusak saat sabtu saja salah sama sampai sana sangat satu saya sebab sebagai
    sebelum sebuah secara sedang sedikit segera sehingga sejak sekali sekarang sekitar selalu
    selama selatan seluruh semua sendiri seorang seperti sering serta setelah setiap siang
    siapa sini situ suatu sudah sukses sumber sungai surat tahu tahun tak tamat tanah tangan
    tanpa tapi tarik tawar tempat tengah tentang tepat terus tetapi tiap tiba tidak tiga timur
    tinggal tinggi tua tuan tujuan turun tutup ujung umum untuk usaha utama utara wajah waktu
    wakil warga warna wilayah ya yaitu yakni yang
    agung abadi adil api asli bahari bakti bangkit baja bahagia bintang budi bunga cahaya cinta
    damai dewi fajar guna harapan indah intan jaya kasih karang kencana kembang lestari makmur
    mandiri manis mas mekar merdeka mulia murni nusantara pelangi permai puri rahayu ratu sakti
    sari sejahtera sentosa setia suci sukma sumber surya tanjung teguh tirta wangi wijaya
    abang adik bapak kakak paman sayang teman
    senin selasa rabu kamis jumat
    presiden menteri jenderal kolonel kapten sultan kaisar imam haji
    """
)

# Frequent English words that are also the names of towns somewhere.
ENGLISH_COMMON = word_set(
    """
    a about after again against all also am among an and any are as at be because been before
    being between both but by can could did do does down during each few for from further had
    has have he her here him his how i if in into is it its just me more most my no nor not now
    of off on once only or other our out over own same she should so some such than that the
    their them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your
    about above across act age air all along army art bad bank bar base bath bay beach bear bell
    best big black blue board body bold bond border born bottom box boy bridge bright brown
    burn call camp canal cape capital care case castle center central centre chance change
    chapel church city clay clear cliff close coast cold college common corner country court
    cross crown dale dawn day deal dear deep delta desert die dock door dove dragon dream drive
    dry early earth east easy edge end energy english even evening fair faith fall false farm
    fast father field fine fire first fish flat flower forest fort fortune forward free french
    friend front full garden gate general gift girl glory gold good grace grand grass great
    green grove guard half hall hand happy harbor harbour hard harmony haven head heart heaven
    high hill holy home honor hope horse hot house hunter independence iron island jewel joy
    judge just key king lake land last late law lead leader liberty life light lincoln line
    lion little live long lord love low main man manor march mark market may mayor mercy middle
    mill mission mobile money moon morning mother mount mountain much name nation national new
    news nice night noble north number oak ocean office old open orange order paradise park
    party pass peace pearl people pine plain plant pleasant point pond poor port post power
    president pride prince progress promise queen quiet rain range red reading rest rich ridge
    river road rock rose round royal ruby safe saint salt sand school sea second security see
    senate service shore side silver small snow soldier south split spring square star state
    station stone storm street strong success summer sun sunrise sunset sunny sweet table tower
    town trade trail tree triumph true union unity university valley victory view village
    vista war water way welcome well west white wind winter wood world worth young zion
    she today tomorrow yesterday monday tuesday wednesday thursday friday saturday sunday
    january february april june july august september october november december
    """
)

# First names and famous surnames that GeoNames also lists as towns ("Vladimir", "Stalin").
PERSON_NAMES = word_set(
    """
    abdul abraham adam adolf ahmad ahmed alan albert alexander alexandra alexandria alfred ali
    alice amelia ana andre andrea andrei andrew andrey angela anna anne anton antony antonio
    arthur august barbara benjamin bernard boris carl carlos caroline catherine charles charlotte
    chris christian christina christopher clara claude daniel david diana dmitry donald edward
    elena elizabeth emily emma eric ernest eugene eva felix fernando francis francisco frank
    frederick george georgia gloria grace gregory hans harry helen henry hugo igor isabel isabella
    ivan jack jacob james jane jean jesus joan john jones jordan jose joseph juan julia julian
    karl kemal kim larry laura lenin leo leon leonard lewis lincoln louis lucas lucia luis
    madison magdalena maria marie mario mark marshall martin mary mao maxim michael miguel
    mikhail milton mohammed muhammad nadia natalia nelson nicholas nikolai olga oscar patrick
    paul pedro peter philip pierre putin rafael raymond richard robert roberto roman ronald rosa
    ruth samuel sara sarah sergei sergey simon sofia sophia stalin stephen steven susan teresa
    thomas timothy tito trump valentina vera victor victoria vincent vladimir walter washington
    william xi yuri zhou
    """
)

# People whose surnames GeoNames also has as towns ("Sukarno dan Hatta").
PERSON_NAMES = PERSON_NAMES | word_set(
    """
    sukarno soekarno hatta suharto soeharto habibie megawati jokowi widodo prabowo sudirman
    kartini diponegoro wahid yudhoyono sjahrir natsir tan malaka gandhi nehru lincoln
    """
)

# Nouns after which a place name modifies a person or group and is not where things happen:
# "Presiden Rusia", "Menlu Rusia", "pasukan Moskow", "tentara AS", "pemerintah China".
MODIFIER_HEADS = word_set(
    """
    presiden wapres menteri menlu menhan mendagri perdana pm pemimpin ketua raja ratu kaisar
    sultan pangeran putri jenderal marsekal laksamana komandan panglima duta dubes utusan
    delegasi diplomat pejabat juru jubir warga penduduk tentara pasukan militer angkatan
    prajurit polisi intelijen media kantor koran surat kabar kubu kamp blok pemerintah
    pemerintahan rezim parlemen kongres senat kementerian kedutaan konsulat ahli pakar perusahaan
    timnas tim atlet pemain mahasiswa wartawan jurnalis kepala sekretaris penasihat staf
    anggota rekan mitra sekutu musuh lawan mata uang bendera kapal pesawat armada perwakilan
    infanteri kavaleri artileri divisi batalion resimen brigade skuadron korps marinir legiun
    orang bangsa suku bahasa budaya masakan film musik lagu produk
    dolar rupiah yen euro yuan rubel ringgit won peso lira dollar
    president minister premier leader chairman king queen emperor general admiral commander
    ambassador envoy delegation diplomat official spokesman spokeswoman citizens troops army
    forces military navy police media government regime parliament congress senate embassy
    """
)

# Nouns of acts whose agent follows: "serangan (mendadak) Rusia", "invasi Jepang".
EVENT_NOUNS = word_set(
    """
    serangan invasi agresi pendudukan intervensi kemajuan blokade sanksi ancaman ekspansi
    aneksasi serbuan gempuran pengeboman pemboman ekspor impor bantuan dukungan tekanan
    attack invasion aggression occupation intervention advance blockade sanctions annexation
    """
)

# Words that say the next name is a place: "di Moskow", "kota Harbin", "in Moscow".
PLACE_CUES = word_set(
    """
    di ke dari menuju sekitar dekat antara kota kabupaten provinsi propinsi negara pulau kepulauan
    teluk selat tanjung gunung danau sungai desa kecamatan distrik wilayah kawasan daerah ibu
    ibukota pelabuhan bandara lapangan semenanjung
    in at from to into near city town port province state island islands bay lake river
    """
)

# Words that are part of a state's own name: "Republik Turki", "Republik Rakyat China".
STATE_WORDS = word_set(
    """
    republik rakyat demokratik demokratis federasi kerajaan kesultanan kekaisaran persatuan
    serikat uni islam sosialis federal negara kesatuan republic people's peoples democratic
    federation kingdom sultanate empire united union islamic socialist federal
    """
)

# Lower-case words that may sit inside a multi-word name ("Trinidad and Tobago").
NAME_CONNECTORS = word_set("and of the de la le du des del di da do dos das van von der dan al el")

STOP_NAMES = INDONESIAN_COMMON | ENGLISH_COMMON | PERSON_NAMES
