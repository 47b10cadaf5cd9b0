"""Build src/eventlens/data/actors/countries.tsv from pycountry plus a hand-written table.

pycountry gives the ISO 3166-1 codes and the official and common names; the table below adds
what news text uses: the usual short name, other names, adjectives, demonyms, capitals and
seats of government used as metonyms, and the forms that need context to be read as a country.

Run from the repository root:  .venv/bin/python tools/build_actor_kb.py
"""

# ruff: noqa: E501 - the hand table below is data, one country per line; wrapping it would hurt
from __future__ import annotations

import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "src/eventlens/data/actors/countries.tsv"
COLUMNS = ("iso3", "name", "aliases", "adjectives", "demonyms", "capitals", "seats",
           "military_seats", "ambiguous", "notes")
# Codes outside ISO 3166-1 that news needs (user-assigned, as the EU and the IMF use them).
EXTRA_CODES = frozenset({"XKX"})

# iso3;name;aliases;adjectives;demonyms;capitals;seats;military_seats;ambiguous;notes
# Lists are |-separated. "ambiguous" lists the forms (from any column) that need context.
HAND_TABLE = """\
ABW;Aruba;;Aruban;Arubans;Oranjestad
AFG;Afghanistan;Islamic Emirate of Afghanistan;Afghan;Afghans;Kabul;Arg Palace;;;Taliban government since 2021-08-15 (see groups.yaml)
AGO;Angola;;Angolan;Angolans;Luanda
AIA;Anguilla;;Anguillan;Anguillans;The Valley;;;The Valley
ALA;Åland Islands;Aland Islands|Åland|Aland;Ålander|Alander;Ålanders|Alanders;Mariehamn
ALB;Albania;;Albanian;Albanians;Tirana
AND;Andorra;;Andorran;Andorrans;Andorra la Vella
ARE;United Arab Emirates;UAE|U.A.E.|the Emirates|Emirates;Emirati;Emiratis;Abu Dhabi;;;Emirates
ARG;Argentina;;Argentine|Argentinian|Argentinean;Argentines|Argentinians;Buenos Aires;Casa Rosada
ARM;Armenia;;Armenian;Armenians;Yerevan
ASM;American Samoa;;American Samoan;American Samoans;Pago Pago
ATA;Antarctica;;Antarctic;;;;;;no population or government
ATF;French Southern Territories;French Southern and Antarctic Lands|TAAF;French Southern;;Port-aux-Français|Port-aux-Francais
ATG;Antigua and Barbuda;Antigua;Antiguan|Barbudan;Antiguans|Barbudans;St. John's|Saint John's
AUS;Australia;Commonwealth of Australia;Australian;Australians|Aussies;Canberra;The Lodge
AUT;Austria;;Austrian;Austrians;Vienna;Hofburg|Ballhausplatz
AZE;Azerbaijan;;Azerbaijani|Azeri;Azerbaijanis|Azeris;Baku
BDI;Burundi;;Burundian;Burundians;Gitega|Bujumbura;;;;political capital Gitega since 2019; Bujumbura is the economic capital
BEL;Belgium;;Belgian;Belgians;Brussels;;;Brussels;Brussels also stands for the EU
BEN;Benin;;Beninese;Beninese;Porto-Novo|Cotonou;;;;Cotonou is the seat of government
BES;Caribbean Netherlands;Bonaire|Sint Eustatius|Saba|BES islands;Bonairean;Bonaireans;Kralendijk;;;Saba
BFA;Burkina Faso;Burkina;Burkinabe|Burkinabè;Burkinabes|Burkinabe;Ouagadougou|Ouaga;Kosyam
BGD;Bangladesh;;Bangladeshi;Bangladeshis;Dhaka|Dacca;Bangabhaban|Ganabhaban
BGR;Bulgaria;;Bulgarian;Bulgarians;Sofia;;;Sofia
BHR;Bahrain;;Bahraini;Bahrainis;Manama
BHS;Bahamas;The Bahamas;Bahamian;Bahamians;Nassau;;;Nassau
BIH;Bosnia and Herzegovina;Bosnia|Bosnia-Herzegovina|BiH;Bosnian|Herzegovinian;Bosnians;Sarajevo
BLM;Saint Barthélemy;Saint Barthelemy|St. Barts|St Barths|St. Barthélemy;Saint-Barthélemois|Barthélemois;Barthélemois;Gustavia
BLR;Belarus;Byelorussia|Belorussia|White Russia;Belarusian|Belarussian|Byelorussian;Belarusians;Minsk
BLZ;Belize;British Honduras;Belizean;Belizeans;Belmopan
BMU;Bermuda;;Bermudian|Bermudan;Bermudians;Hamilton;;;Hamilton
BOL;Bolivia;Plurinational State of Bolivia;Bolivian;Bolivians;Sucre|La Paz;Palacio Quemado|Casa Grande del Pueblo;;Sucre;La Paz is the seat of government, Sucre the constitutional capital
BRA;Brazil;Brasil;Brazilian;Brazilians;Brasilia|Brasília;Planalto|Planalto Palace|Itamaraty|Alvorada Palace
BRB;Barbados;;Barbadian|Bajan;Barbadians|Bajans;Bridgetown
BRN;Brunei;Brunei Darussalam;Bruneian;Bruneians;Bandar Seri Begawan
BTN;Bhutan;;Bhutanese;Bhutanese;Thimphu
BVT;Bouvet Island;Bouvetøya;Bouvet Island;;;;;;uninhabited Norwegian dependency
BWA;Botswana;;Botswanan|Motswana|Batswana;Batswana|Motswana;Gaborone
CAF;Central African Republic;CAR|C.A.R.|Centrafrique;Central African;Central Africans;Bangui;;;CAR|Central African
CAN;Canada;;Canadian;Canadians;Ottawa;Rideau Hall|24 Sussex|Rideau Cottage
CCK;Cocos (Keeling) Islands;Cocos Islands|Keeling Islands;Cocos Islander;Cocos Islanders;West Island
CHE;Switzerland;Swiss Confederation|Confoederatio Helvetica;Swiss;Swiss;Bern|Berne;Bundeshaus|Federal Palace
CHL;Chile;;Chilean;Chileans;Santiago;La Moneda|Palacio de La Moneda;;Santiago
CHN;China;People's Republic of China|PRC|P.R.C.|Mainland China;Chinese|Sino;Chinese;Beijing|Peking;Zhongnanhai;;Chinese|Sino;Chinese and Sino also cover Taiwan in some texts
CIV;Côte d'Ivoire;Ivory Coast|Cote d'Ivoire|Cote dIvoire;Ivorian;Ivorians;Yamoussoukro|Abidjan;;;;Abidjan is the seat of government
CMR;Cameroon;;Cameroonian;Cameroonians;Yaounde|Yaoundé;Etoudi|Unity Palace
COD;Democratic Republic of the Congo;DR Congo|D.R. Congo|DRC|D.R.C.|Congo-Kinshasa|Democratic Republic of Congo|DR of Congo|Zaire;Congolese;Congolese;Kinshasa;;;Congolese|Zaire
COG;Republic of the Congo;Congo|Congo-Brazzaville|Republic of Congo|Congo Republic;Congolese;Congolese;Brazzaville;;;Congo|Congolese;bare "Congo" often means the DRC in news
COK;Cook Islands;;Cook Islander;Cook Islanders;Avarua
COL;Colombia;;Colombian;Colombians;Bogota|Bogotá;Casa de Nariño|Casa de Narino|Palacio de Nariño|Palacio de Narino
COM;Comoros;The Comoros|Comoro Islands;Comoran|Comorian;Comorans|Comorians;Moroni
CPV;Cape Verde;Cabo Verde;Cape Verdean|Cabo Verdean;Cape Verdeans;Praia;;;Praia
CRI;Costa Rica;;Costa Rican;Costa Ricans;San Jose|San José;;;San Jose|San José
CUB;Cuba;;Cuban;Cubans;Havana|La Habana;Palace of the Revolution
CUW;Curaçao;Curacao;Curaçaoan|Curacaoan;Curaçaoans;Willemstad
CXR;Christmas Island;;Christmas Island;Christmas Islanders;Flying Fish Cove;;;Christmas Island
CYM;Cayman Islands;the Caymans|Caymans;Caymanian;Caymanians;George Town;;;George Town
CYP;Cyprus;;Cypriot|Cyprian;Cypriots;Nicosia;;;;Northern Cyprus (Turkish Cypriot administration) has no ISO code
CZE;Czech Republic;Czechia|Czechoslovakia;Czech;Czechs;Prague;Prague Castle|Hrzansky|Straka Academy
DEU;Germany;Federal Republic of Germany|FRG|Deutschland;German;Germans;Berlin;Kanzleramt|German Chancellery|Bellevue Palace|Schloss Bellevue;Bendlerblock
DJI;Djibouti;;Djiboutian;Djiboutians;Djibouti City;;;Djibouti;the country and its capital share a name
DMA;Dominica;Commonwealth of Dominica;Dominican|Dominica;Dominicans;Roseau;;;Dominica|Dominican|Dominicans;"Dominican" usually means the Dominican Republic
DNK;Denmark;;Danish|Dane;Danes;Copenhagen;Christiansborg|Marienborg
DOM;Dominican Republic;;Dominican;Dominicans;Santo Domingo
DZA;Algeria;;Algerian;Algerians;Algiers;El Mouradia
ECU;Ecuador;;Ecuadorian|Ecuadorean;Ecuadorians|Ecuadoreans;Quito;Carondelet|Palacio de Carondelet
EGY;Egypt;;Egyptian;Egyptians;Cairo;Ittihadiya|Heliopolis Palace|Abdeen Palace
ERI;Eritrea;;Eritrean;Eritreans;Asmara
ESH;Western Sahara;Sahrawi Arab Democratic Republic|SADR|Sahrawi Republic;Sahrawi|Saharawi|Western Saharan;Sahrawis|Saharawis;Laayoune|El Aaiún|Tifariti;;;;disputed territory, mostly administered by Morocco; SADR proclaimed by the Polisario Front
ESP;Spain;España|Espana;Spanish;Spaniards;Madrid;Moncloa|La Moncloa|Zarzuela
EST;Estonia;;Estonian;Estonians;Tallinn;Toompea|Stenbock House
ETH;Ethiopia;;Ethiopian;Ethiopians;Addis Ababa|Addis;Menelik Palace;;;Addis Ababa also stands for the African Union
FIN;Finland;Suomi;Finnish;Finns;Helsinki;Mantyniemi|Kesaranta
FJI;Fiji;;Fijian;Fijians;Suva
FLK;Falkland Islands;Falklands|Malvinas|Islas Malvinas;Falkland Islander|Falklands;Falkland Islanders|Falklanders;Stanley|Port Stanley;;;Stanley;sovereignty disputed by Argentina
FRA;France;French Republic;French;French|Frenchmen;Paris;Elysee|Élysée|Elysee Palace|Élysée Palace|Matignon|Hôtel Matignon|Quai d'Orsay;Hôtel de Brienne|Balard;Paris
FRO;Faroe Islands;Faroes|Faeroe Islands|Føroyar;Faroese;Faroese|Faroe Islanders;Tórshavn|Torshavn
FSM;Micronesia;Federated States of Micronesia|FSM;Micronesian;Micronesians;Palikir;;;Micronesia|Micronesian;Micronesia is also a wider region
GAB;Gabon;Gabonese Republic;Gabonese;Gabonese;Libreville;Palais Rénovation|Palais Renovation
GBR;United Kingdom;Britain|UK|U.K.|Great Britain|United Kingdom of Great Britain and Northern Ireland|GB|England;British|UK|U.K.|English;Britons|Brits|British;London;Downing Street|Number 10|No 10|No. 10|Whitehall|Vauxhall Cross|Buckingham Palace;;England|English|GB;England/English are used loosely for Britain in news but name only part of it
GEO;Georgia;Sakartvelo;Georgian;Georgians;Tbilisi|Tiflis;Orbeliani Palace;;Georgia|Georgian|Georgians;also a US state
GGY;Guernsey;Bailiwick of Guernsey;Guernsey|Guernseyman;Guernsey people;Saint Peter Port|St Peter Port;;;Guernsey
GHA;Ghana;;Ghanaian;Ghanaians;Accra;Jubilee House|Golden Jubilee House|Flagstaff House
GIB;Gibraltar;;Gibraltarian;Gibraltarians;Gibraltar;;;;sovereignty disputed by Spain
GIN;Guinea;Guinea-Conakry|Guinée;Guinean;Guineans;Conakry;Sekhoutoureya;;Guinea|Guinean|Guineans
GLP;Guadeloupe;;Guadeloupean;Guadeloupeans;Basse-Terre
GMB;The Gambia;Gambia|Republic of the Gambia;Gambian;Gambians;Banjul;
GNB;Guinea-Bissau;Guinea Bissau;Bissau-Guinean;Bissau-Guineans;Bissau
GNQ;Equatorial Guinea;;Equatoguinean|Equatorial Guinean;Equatoguineans|Equatorial Guineans;Malabo|Ciudad de la Paz;;;;Ciudad de la Paz is the planned new capital
GRC;Greece;Hellenic Republic|Hellas;Greek|Hellenic;Greeks;Athens;Maximos Mansion|Maximou
GRD;Grenada;;Grenadian;Grenadians;St. George's|Saint George's;;;Grenada
GRL;Greenland;Kalaallit Nunaat;Greenlandic|Greenlander;Greenlanders;Nuuk|Godthab
GTM;Guatemala;;Guatemalan;Guatemalans;Guatemala City;;;Guatemala
GUF;French Guiana;Guyane;French Guianese|Guianese;French Guianese;Cayenne;;;Cayenne
GUM;Guam;;Guamanian;Guamanians;Hagatna|Hagåtña|Agana
GUY;Guyana;;Guyanese;Guyanese;Georgetown;;;Georgetown
HKG;Hong Kong;HKSAR|Hong Kong SAR;Hong Kong|Hongkong;Hongkongers|Hong Kongers;Victoria;;;Victoria;special administrative region of China
HMD;Heard Island and McDonald Islands;Heard Island|McDonald Islands;Heard Island;;;;;;uninhabited Australian territory
HND;Honduras;;Honduran;Hondurans;Tegucigalpa;
HRV;Croatia;Hrvatska;Croatian|Croat;Croats|Croatians;Zagreb;Banski dvori|Pantovčak|Pantovcak
HTI;Haiti;;Haitian;Haitians;Port-au-Prince;
HUN;Hungary;;Hungarian|Magyar;Hungarians|Magyars;Budapest;Sandor Palace|Sándor Palace
IDN;Indonesia;;Indonesian;Indonesians;Jakarta|Nusantara;Merdeka Palace|Istana Merdeka;Cilangkap;;the government is moving to Nusantara
IMN;Isle of Man;Mann;Manx;Manx;Douglas;;;Douglas
IND;India;Bharat|Republic of India;Indian;Indians;New Delhi|Delhi;South Block|Raisina Hill|Rashtrapati Bhavan|North Block|Race Course Road|Lok Kalyan Marg;;Indian|Indians;Indian and Indians can mean Native Americans
IOT;British Indian Ocean Territory;Chagos Islands|Chagos Archipelago|Diego Garcia|BIOT;Chagossian;Chagossians;Diego Garcia;;;;sovereignty being transferred to Mauritius
IRL;Ireland;Republic of Ireland|Eire|Éire;Irish;Irish|Irishmen;Dublin;Áras an Uachtaráin|Aras an Uachtarain
IRN;Iran;Islamic Republic of Iran|Persia;Iranian|Persian;Iranians|Persians;Tehran|Teheran;Pasteur Street|Beit-e Rahbari;;Persia|Persian|Persians
IRQ;Iraq;;Iraqi;Iraqis;Baghdad;
ISL;Iceland;;Icelandic;Icelanders;Reykjavik|Reykjavík;Bessastadir|Bessastaðir
ISR;Israel;State of Israel;Israeli;Israelis;Jerusalem|Tel Aviv;Balfour Street|Beit Aghion;Kirya|HaKirya|the Kirya;Jerusalem|Tel Aviv;Israel treats Jerusalem as its capital; much of the world keeps embassies in Tel Aviv
ITA;Italy;Italia;Italian;Italians;Rome;Palazzo Chigi|Chigi Palace|Quirinale|Quirinal Palace|Farnesina;;Rome;Rome can also mean the Holy See
JAM;Jamaica;;Jamaican;Jamaicans;Kingston;Jamaica House|Vale Royal;;Kingston
JEY;Jersey;Bailiwick of Jersey;Jersey|Jerseyman;Jersey people;Saint Helier|St Helier;;;Jersey
JOR;Jordan;Hashemite Kingdom of Jordan;Jordanian;Jordanians;Amman;Raghadan Palace;;Jordan;Jordan is also a river and a given name
JPN;Japan;Nippon|Nihon;Japanese;Japanese;Tokyo;Kantei|Kasumigaseki|Nagatacho|Nagatachō;Ichigaya
KAZ;Kazakhstan;;Kazakh|Kazakhstani;Kazakhs|Kazakhstanis;Astana|Nur-Sultan|Almaty;Akorda|Ak Orda;;;capital named Nur-Sultan 2019-03 to 2022-09; Almaty was the capital until 1997
KEN;Kenya;;Kenyan;Kenyans;Nairobi;
KGZ;Kyrgyzstan;Kyrgyz Republic|Kirghizia|Kyrgyzia;Kyrgyz|Kirghiz|Kyrgyzstani;Kyrgyz|Kyrgyzstanis;Bishkek;Ala-Archa
KHM;Cambodia;Kampuchea;Cambodian|Khmer;Cambodians|Khmers;Phnom Penh;
KIR;Kiribati;;I-Kiribati|Kiribati;I-Kiribati;Tarawa|South Tarawa
KNA;Saint Kitts and Nevis;St. Kitts and Nevis|St Kitts and Nevis|St. Kitts|Saint Kitts|Saint Christopher and Nevis;Kittitian|Nevisian;Kittitians|Nevisians;Basseterre
KOR;South Korea;Republic of Korea|ROK|R.O.K.|Korea;South Korean|Korean;South Koreans|Koreans;Seoul;Blue House|Cheong Wa Dae|Yongsan;;Korea|Korean|Koreans;Blue House was the presidential office until 2022-05
KWT;Kuwait;;Kuwaiti;Kuwaitis;Kuwait City;Bayan Palace|Seif Palace;;Kuwait
LAO;Laos;Lao People's Democratic Republic|Lao PDR;Lao|Laotian;Lao|Laotians;Vientiane
LBN;Lebanon;;Lebanese;Lebanese;Beirut;Baabda|Baabda Palace|Grand Serail
LBR;Liberia;;Liberian;Liberians;Monrovia;Executive Mansion
LBY;Libya;State of Libya;Libyan;Libyans;Tripoli;;;Tripoli;rival governments in Tripoli and the east (Benghazi/Tobruk) since 2014; Tripoli is also a Lebanese city
LCA;Saint Lucia;St. Lucia|St Lucia;Saint Lucian|St. Lucian;Saint Lucians;Castries
LIE;Liechtenstein;;Liechtensteiner|Liechtenstein;Liechtensteiners;Vaduz
LKA;Sri Lanka;Ceylon;Sri Lankan;Sri Lankans;Sri Jayawardenepura Kotte|Colombo;Temple Trees
LSO;Lesotho;;Basotho|Mosotho|Lesothan;Basotho;Maseru
LTU;Lithuania;;Lithuanian;Lithuanians;Vilnius;
LUX;Luxembourg;Grand Duchy of Luxembourg;Luxembourgish|Luxembourg;Luxembourgers;Luxembourg City;;;Luxembourg
LVA;Latvia;;Latvian|Lettish;Latvians|Letts;Riga;Riga Castle
MAC;Macao;Macau|Macao SAR;Macanese|Macao|Macau;Macanese;Macau City;;;;special administrative region of China
MAF;Saint Martin;Saint-Martin|St. Martin|Saint Martin (French part);Saint-Martinoise|Saint Martiner;Saint-Martinois;Marigot;;;Saint Martin
MAR;Morocco;Maroc;Moroccan;Moroccans;Rabat;Makhzen;;;Makhzen means the royal establishment
MCO;Monaco;;Monegasque|Monacan;Monegasques;Monaco;;;Monaco;city-state
MDA;Moldova;Republic of Moldova|Moldavia;Moldovan|Moldavian;Moldovans;Chisinau|Chișinău|Kishinev
MDG;Madagascar;;Malagasy|Madagascan;Malagasy|Madagascans;Antananarivo|Tana;Iavoloha
MDV;Maldives;The Maldives;Maldivian;Maldivians;Male|Malé;Muliaage;;Male|Malé
MEX;Mexico;United Mexican States;Mexican;Mexicans;Mexico City;Los Pinos;;Mexico;Mexico is also a Mexican state
MHL;Marshall Islands;Marshalls;Marshallese;Marshallese;Majuro
MKD;North Macedonia;Macedonia|Republic of North Macedonia|FYROM|Former Yugoslav Republic of Macedonia;North Macedonian|Macedonian;North Macedonians|Macedonians;Skopje;;;Macedonia|Macedonian|Macedonians;Macedonia is also a Greek region; renamed North Macedonia 2019-02
MLI;Mali;;Malian;Malians;Bamako;Koulouba|Koulouba Palace;Kati;Kati
MLT;Malta;;Maltese;Maltese;Valletta;Auberge de Castille
MMR;Myanmar;Burma|Republic of the Union of Myanmar;Burmese|Myanmar;Burmese|Myanmar people;Naypyidaw|Nay Pyi Taw|Naypyitaw|Yangon|Rangoon;;;;capital moved from Yangon to Naypyidaw in 2005-11
MNE;Montenegro;Crna Gora;Montenegrin;Montenegrins;Podgorica|Cetinje;Villa Gorica
MNG;Mongolia;;Mongolian|Mongol;Mongolians|Mongols;Ulaanbaatar|Ulan Bator;;;Mongol|Mongols
MNP;Northern Mariana Islands;Northern Marianas|CNMI;Northern Marianan;Northern Mariana Islanders;Saipan
MOZ;Mozambique;;Mozambican;Mozambicans;Maputo;Ponta Vermelha
MRT;Mauritania;;Mauritanian;Mauritanians;Nouakchott
MSR;Montserrat;;Montserratian;Montserratians;Brades|Plymouth;;;Plymouth;Plymouth was abandoned after the 1995-1997 eruptions
MTQ;Martinique;;Martinican|Martiniquais;Martinicans;Fort-de-France
MUS;Mauritius;;Mauritian;Mauritians;Port Louis
MWI;Malawi;;Malawian;Malawians;Lilongwe;Kamuzu Palace
MYS;Malaysia;;Malaysian;Malaysians;Kuala Lumpur|Putrajaya|KL;Perdana Putra|Seri Perdana|Istana Negara;;KL;Putrajaya is the seat of government
MYT;Mayotte;;Mahoran;Mahorans;Mamoudzou;;;;French department claimed by the Comoros
NAM;Namibia;;Namibian;Namibians;Windhoek;
NCL;New Caledonia;Nouvelle-Calédonie|Kanaky;New Caledonian|Kanak;New Caledonians|Kanaks;Noumea|Nouméa
NER;Niger;Republic of the Niger;Nigerien;Nigeriens;Niamey;;;Niger;Niger is also a river; Nigerien (not Nigerian) is the adjective
NFK;Norfolk Island;;Norfolk Island|Norfolk Islander;Norfolk Islanders;Kingston;;;Kingston|Norfolk Island
NGA;Nigeria;;Nigerian;Nigerians;Abuja|Lagos;Aso Rock|Aso Villa|Aso Rock Villa;;;Lagos was the capital until 1991-12
NIC;Nicaragua;;Nicaraguan;Nicaraguans;Managua;
NIU;Niue;;Niuean;Niueans;Alofi
NLD;Netherlands;The Netherlands|Holland|Nederland;Dutch|Netherlandish;Dutch|Dutchmen|Netherlanders;Amsterdam|The Hague;Binnenhof|Catshuis;;Holland|The Hague;Amsterdam is the capital, The Hague the seat of government (and of the ICC and ICJ)
NOR;Norway;Norge;Norwegian;Norwegians;Oslo;
NPL;Nepal;;Nepali|Nepalese;Nepalis|Nepalese;Kathmandu;Singha Durbar|Sheetal Niwas|Baluwatar
NRU;Nauru;;Nauruan;Nauruans;Yaren
NZL;New Zealand;Aotearoa|NZ;New Zealand|Kiwi;New Zealanders|Kiwis;Wellington;Beehive|Premier House;;Wellington|Kiwi|Kiwis|Beehive
OMN;Oman;Sultanate of Oman;Omani;Omanis;Muscat
PAK;Pakistan;;Pakistani;Pakistanis;Islamabad;Aiwan-e-Sadr;Rawalpindi
PAN;Panama;;Panamanian;Panamanians;Panama City;Palacio de las Garzas;;Panama
PCN;Pitcairn Islands;Pitcairn|Pitcairn Island;Pitcairn Islander|Pitcairner;Pitcairn Islanders;Adamstown
PER;Peru;;Peruvian;Peruvians;Lima;Palacio de Gobierno|House of Pizarro|Torre Tagle
PHL;Philippines;The Philippines|Pilipinas;Philippine|Filipino;Filipinos|Filipinas;Manila;Malacanang|Malacañang|Malacanang Palace|Malacañang Palace;Camp Aguinaldo
PLW;Palau;Belau;Palauan;Palauans;Ngerulmud|Melekeok
PNG;Papua New Guinea;PNG;Papua New Guinean|Papuan;Papua New Guineans|Papuans;Port Moresby;;;Papuan|Papuans;Papua is also an Indonesian province
POL;Poland;Polska;Polish;Poles;Warsaw;Belweder
PRI;Puerto Rico;;Puerto Rican;Puerto Ricans;San Juan;La Fortaleza;;San Juan;US territory
PRK;North Korea;Democratic People's Republic of Korea|DPRK|D.P.R.K.;North Korean;North Koreans;Pyongyang;;;;
PRT;Portugal;;Portuguese;Portuguese;Lisbon;Belém Palace|Belem Palace|São Bento Palace|Sao Bento Palace;;;
PRY;Paraguay;;Paraguayan;Paraguayans;Asuncion|Asunción;Mburuvicha Róga|Palacio de los López|Palacio de los Lopez
PSE;Palestine;State of Palestine|Palestinian territories|Occupied Palestinian Territory|Palestinian Authority|PA|West Bank and Gaza;Palestinian;Palestinians;Ramallah|East Jerusalem;Muqata|Muqataa|Mukataa;;PA|East Jerusalem;the Palestinian Authority sits in Ramallah; Gaza was run by Hamas from 2007
PYF;French Polynesia;Polynésie française|Tahiti;French Polynesian|Tahitian;French Polynesians|Tahitians;Papeete;;;Tahiti
QAT;Qatar;;Qatari;Qataris;Doha;Amiri Diwan|Emiri Diwan
REU;Réunion;Reunion|La Réunion;Réunionese|Reunionese;Réunionese;Saint-Denis;;;Saint-Denis;Saint-Denis is also a Paris suburb
ROU;Romania;Roumania|Rumania;Romanian|Roumanian;Romanians;Bucharest;Cotroceni|Cotroceni Palace|Victoria Palace
RUS;Russia;Russian Federation|Rossiya;Russian;Russians;Moscow;Kremlin|Lubyanka|Smolenskaya Square|Old Square;;;
RWA;Rwanda;;Rwandan|Rwandese;Rwandans;Kigali;Urugwiro Village|Village Urugwiro
SAU;Saudi Arabia;Kingdom of Saudi Arabia|KSA;Saudi|Saudi Arabian;Saudis|Saudi Arabians;Riyadh;Yamamah Palace|Al-Yamamah Palace;;;
SDN;Sudan;Republic of the Sudan|The Sudan;Sudanese;Sudanese;Khartoum|Port Sudan;;;;the army-led government moved to Port Sudan after 2023-04
SEN;Senegal;;Senegalese;Senegalese;Dakar;Palais de la République|Palais de la Republique
SGP;Singapore;Republic of Singapore;Singaporean;Singaporeans;Singapore;Istana;;Singapore|Istana;city-state
SGS;South Georgia and the South Sandwich Islands;South Georgia|South Sandwich Islands;South Georgian;;King Edward Point;;;;no permanent population
SHN;Saint Helena, Ascension and Tristan da Cunha;Saint Helena|St. Helena|St Helena|Ascension Island|Tristan da Cunha;Saint Helenian;Saint Helenians;Jamestown;;;Jamestown
SJM;Svalbard and Jan Mayen;Svalbard|Jan Mayen|Spitsbergen;Svalbard;;Longyearbyen
SLB;Solomon Islands;Solomons|the Solomons;Solomon Islander;Solomon Islanders;Honiara
SLE;Sierra Leone;;Sierra Leonean;Sierra Leoneans;Freetown;
SLV;El Salvador;Salvador;Salvadoran|Salvadorean;Salvadorans|Salvadoreans;San Salvador;
SMR;San Marino;;Sammarinese;Sammarinese;San Marino City;;;San Marino
SOM;Somalia;;Somali;Somalis;Mogadishu;Villa Somalia;;;Somaliland (self-declared, capital Hargeisa) has no ISO code
SPM;Saint Pierre and Miquelon;St. Pierre and Miquelon|Saint-Pierre-et-Miquelon;Saint-Pierrais;Saint-Pierrais;Saint-Pierre
SRB;Serbia;;Serbian|Serb;Serbs|Serbians;Belgrade;Novi dvor|Nemanjina 11
SSD;South Sudan;Republic of South Sudan;South Sudanese;South Sudanese;Juba;J1|J-1;;J1;independent since 2011-07-09
STP;São Tomé and Príncipe;Sao Tome and Principe|Sao Tome;Santomean|São Toméan|Sao Tomean;Santomeans;São Tomé|Sao Tome;;;;
SUR;Suriname;Surinam|Dutch Guiana;Surinamese|Surinamer;Surinamese|Surinamers;Paramaribo
SVK;Slovakia;Slovak Republic;Slovak|Slovakian;Slovaks;Bratislava;Grassalkovich Palace|Grassalkovich
SVN;Slovenia;;Slovenian|Slovene;Slovenians|Slovenes;Ljubljana
SWE;Sweden;Sverige;Swedish;Swedes;Stockholm;Rosenbad|Sager House
SWZ;Eswatini;Swaziland|Kingdom of Eswatini;Swazi|Emaswati;Swazis|Emaswati;Mbabane|Lobamba;;;;renamed from Swaziland 2018-04; Lobamba is the royal and legislative capital
SXM;Sint Maarten;Sint Maarten (Dutch part)|St. Maarten;Sint Maartener;Sint Maarteners;Philipsburg
SYC;Seychelles;;Seychellois;Seychellois;Victoria;;;Victoria
SYR;Syria;Syrian Arab Republic;Syrian;Syrians;Damascus;Muhajireen Palace
TCA;Turks and Caicos Islands;Turks and Caicos|TCI;Turks and Caicos Islander;Turks and Caicos Islanders;Cockburn Town
TCD;Chad;Tchad;Chadian;Chadians;N'Djamena|Ndjamena|N'Djaména;Palais Rose|Toumaï Palace;;Chad;Chad is also a given name
TGO;Togo;Togolese Republic;Togolese;Togolese;Lome|Lomé;Palais de Lomé|Palais de la Marina
THA;Thailand;Siam;Thai;Thais;Bangkok;;;;
TJK;Tajikistan;;Tajik|Tajikistani;Tajiks;Dushanbe
TKL;Tokelau;;Tokelauan;Tokelauans;Nukunonu|Fakaofo;;;;no fixed capital
TKM;Turkmenistan;Turkmenia;Turkmen;Turkmens;Ashgabat|Ashkhabad;Oguzkhan Palace
TLS;Timor-Leste;East Timor|Timor Leste;Timorese|East Timorese;Timorese|East Timorese;Dili
TON;Tonga;;Tongan;Tongans;Nuku'alofa|Nukualofa
TTO;Trinidad and Tobago;Trinidad|Tobago;Trinidadian|Tobagonian|Trinbagonian;Trinidadians|Tobagonians;Port of Spain|Port-of-Spain;
TUN;Tunisia;;Tunisian;Tunisians;Tunis;Carthage Palace|Carthage;;Carthage;Carthage (the presidential palace) is also an ancient city
TUR;Turkey;Türkiye|Turkiye|Republic of Turkey;Turkish;Turks;Ankara;Bestepe|Beştepe|Cankaya|Çankaya|Dolmabahce|Dolmabahçe;;Turkey|Turks;turkey is also a bird; officially Türkiye since 2022-06
TUV;Tuvalu;;Tuvaluan;Tuvaluans;Funafuti
TWN;Taiwan;Republic of China|ROC|R.O.C.|Chinese Taipei|Formosa|Taiwan, Province of China;Taiwanese;Taiwanese;Taipei;Presidential Office Building|Executive Yuan|Zongtong Fu;;ROC|Chinese Taipei;self-governed island claimed by the People's Republic of China; ISO 3166 lists it as "Taiwan, Province of China"
TZA;Tanzania;United Republic of Tanzania;Tanzanian;Tanzanians;Dodoma|Dar es Salaam;Chamwino;;;government moved to Dodoma during 2016-2023
UGA;Uganda;;Ugandan;Ugandans;Kampala|Entebbe;Nakasero;;Entebbe
UKR;Ukraine;the Ukraine;Ukrainian;Ukrainians;Kyiv|Kiev|Kyyiv;Bankova|Bankova Street|Mariinsky Palace;;;
UMI;United States Minor Outlying Islands;US Minor Outlying Islands|Wake Island|Midway|Midway Atoll|Johnston Atoll|Baker Island|Howland Island|Jarvis Island|Palmyra Atoll|Kingman Reef|Navassa Island;US Minor Outlying Islands|U.S. Minor Outlying Islands;;;;;Midway;no permanent population
URY;Uruguay;Oriental Republic of Uruguay;Uruguayan;Uruguayans;Montevideo;Torre Ejecutiva
USA;United States;US|U.S.|USA|U.S.A.|America|United States of America;American|U.S.|US|United States;Americans;Washington|Washington D.C.|Washington, D.C.|Washington DC;White House|Oval Office|Foggy Bottom|State Department|US State Department|Treasury Department|US Treasury|Langley|West Wing|Camp David;Pentagon|the Pentagon;America|American|Americans|Washington|US;Washington is also a US state and a surname; "America(n)" may mean the Americas
UZB;Uzbekistan;;Uzbek|Uzbekistani;Uzbeks;Tashkent;Oqsaroy|Kuksaroy
VAT;Holy See;Vatican|Vatican City|Vatican City State|Holy See (Vatican City State)|Holy See;Vatican|Papal|Pontifical;;Vatican City;Apostolic Palace|Santa Marta|Casa Santa Marta
VCT;Saint Vincent and the Grenadines;St. Vincent and the Grenadines|St Vincent and the Grenadines|Saint Vincent|St. Vincent;Vincentian;Vincentians;Kingstown
VEN;Venezuela;Bolivarian Republic of Venezuela;Venezuelan;Venezuelans;Caracas;Miraflores|Miraflores Palace|Palacio de Miraflores;Fuerte Tiuna
VGB;British Virgin Islands;Virgin Islands, British|BVI;British Virgin Islander;British Virgin Islanders;Road Town
VIR;United States Virgin Islands;US Virgin Islands|U.S. Virgin Islands|USVI|Virgin Islands, U.S.;US Virgin Islander|Virgin Islander;US Virgin Islanders|Virgin Islanders;Charlotte Amalie
VNM;Vietnam;Viet Nam|Socialist Republic of Vietnam;Vietnamese;Vietnamese;Hanoi|Ha Noi;Ba Dinh
VUT;Vanuatu;New Hebrides;Ni-Vanuatu|Vanuatuan;Ni-Vanuatu;Port Vila
WLF;Wallis and Futuna;Wallis-et-Futuna;Wallisian|Futunan;Wallisians|Futunans;Mata-Utu|Mata Utu
WSM;Samoa;Independent State of Samoa|Western Samoa;Samoan;Samoans;Apia;;;Samoa|Samoan|Samoans;also American Samoa
XKX;Kosovo;Republic of Kosovo|Kosova;Kosovar|Kosovan;Kosovars|Kosovans;Pristina|Prishtina|Priština;;;;XKX is a user-assigned code (not in ISO 3166); independence declared 2008-02-17, not recognised by Serbia
YEM;Yemen;Republic of Yemen;Yemeni;Yemenis;Sanaa|Sana'a|Aden;Maashiq Palace;;Aden;Sanaa has been held by the Houthis since 2014-09; the recognised government sits in Aden
ZAF;South Africa;RSA|Republic of South Africa;South African;South Africans;Pretoria|Cape Town|Bloemfontein|Tshwane;Union Buildings|Tuynhuys|Mahlamba Ndlopfu;;;three capitals: executive Pretoria, legislative Cape Town, judicial Bloemfontein
ZMB;Zambia;;Zambian;Zambians;Lusaka;
ZWE;Zimbabwe;;Zimbabwean;Zimbabweans;Harare;Munhumutapa Building
"""


def split_list(text: str) -> list[str]:
    return [item.strip() for item in text.split("|") if item.strip()]


def merge(*lists: list[str], exclude: str = "") -> list[str]:
    """Union of lists in order, without case-insensitive duplicates or the excluded form."""
    seen = {exclude.casefold()} if exclude else set()
    out: list[str] = []
    for items in lists:
        for item in items:
            if item.casefold() not in seen:
                seen.add(item.casefold())
                out.append(item)
    return out


def hand_rows() -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for number, line in enumerate(HAND_TABLE.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split(";")
        if len(fields) > len(COLUMNS):
            # notes may contain ";" — join the tail back
            fields = fields[: len(COLUMNS) - 1] + [";".join(fields[len(COLUMNS) - 1 :])]
        fields += [""] * (len(COLUMNS) - len(fields))
        code = fields[0]
        if code in rows:
            raise SystemExit(f"hand table line {number}: duplicate code {code}")
        if not fields[3]:
            raise SystemExit(f"hand table line {number}: {code} has no adjective")
        rows[code] = fields
    return rows


def build_rows() -> list[list[str]]:
    hand = hand_rows()
    iso = {c.alpha_3: c for c in pycountry.countries}
    missing = sorted(set(iso) - set(hand))
    unknown = sorted(set(hand) - set(iso) - EXTRA_CODES)
    if missing or unknown:
        raise SystemExit(f"hand table lacks {missing}; has codes unknown to ISO {unknown}")
    rows = []
    for code in sorted(hand):
        fields = hand[code]
        name = fields[1]
        record = iso.get(code)
        iso_names = []
        if record is not None:
            iso_names = [getattr(record, attr, "") for attr in ("common_name", "name",
                                                                 "official_name")]
            iso_names = [n.removeprefix("the ") for n in iso_names if n]
        aliases = merge(split_list(fields[2]), iso_names, exclude=name)
        ambiguous = split_list(fields[8])
        row = [code, name, "|".join(aliases)]
        row += ["|".join(merge(split_list(f))) for f in fields[3:8]]
        row += ["|".join(merge(ambiguous)), fields[9].strip()]
        if any("\t" in value or "\n" in value for value in row):
            raise SystemExit(f"{code}: tab or newline in a value")
        rows.append(row)
    return rows


def main() -> int:
    rows = build_rows()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            handle.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} countries to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
