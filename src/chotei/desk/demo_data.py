"""A realistic demo data set (``chotei demo``), built through the services like real work.

34 committee members at both offices (CM-01), insurers and co-ops, one user per role and about 50
anonymised cases in every state. Each case is replayed at its own dates (received over the last
~20 months, each step some business days after the previous), so the ledger (DP-21), the audit log,
the issued notices and the overdue marks (DP-10) read like a year and a half of real work.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import random
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Count
from django.utils import timezone

from chotei import clock
from chotei.accounts.models import Role, StaffProfile
from chotei.accounts.security import account_administration_grant
from chotei.accounts.services import token_issue
from chotei.committee.models import BoardMeeting, CommitteeMember, InterestDeclaration
from chotei.disputes.models import Case, CaseParty, PanelSeat, Submission
from chotei.disputes.services import lifecycle, panels, proceedings
from chotei.disputes.services.intake import ApplicationInput, PartyInput, case_receive
from chotei.parties.models import Organization, Party
from chotei.rules import calendar, offices, panel
from chotei.rules.states import CaseState
from chotei.rules.wareki import to_wareki

SEED = 2025

# (name, kana, office, qualification, career)
MEMBERS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "青木 正信",
        "あおき まさのぶ",
        offices.MAIN,
        panel.LAWYER,
        "弁護士（第一東京弁護士会）。交通事故訴訟の実務25年",
    ),
    (
        "石川 由美子",
        "いしかわ ゆみこ",
        offices.MAIN,
        panel.LAWYER,
        "弁護士（東京弁護士会）。元東京地方裁判所民事第27部調停委員",
    ),
    (
        "上田 浩二",
        "うえだ こうじ",
        offices.MAIN,
        panel.LAWYER,
        "弁護士（第二東京弁護士会）。保険法・損害賠償法",
    ),
    (
        "岡本 隆",
        "おかもと たかし",
        offices.MAIN,
        panel.LAWYER,
        "弁護士（東京弁護士会）。元裁判官（東京高等裁判所判事）",
    ),
    (
        "加藤 真理",
        "かとう まり",
        offices.MAIN,
        panel.LAWYER,
        "弁護士（横浜弁護士会）。交通事故相談センター相談担当",
    ),
    (
        "木村 誠一",
        "きむら せいいち",
        offices.MAIN,
        panel.LAWYER,
        "弁護士（第一東京弁護士会）。日弁連交通事故相談センター理事",
    ),
    (
        "小島 和也",
        "こじま かずや",
        offices.MAIN,
        panel.LAWYER,
        "弁護士（千葉県弁護士会）。後遺障害等級認定実務",
    ),
    (
        "斎藤 玲子",
        "さいとう れいこ",
        offices.MAIN,
        panel.LAWYER,
        "弁護士（東京弁護士会）。医療過誤・交通事故",
    ),
    (
        "清水 健太郎",
        "しみず けんたろう",
        offices.MAIN,
        panel.LAWYER,
        "弁護士（埼玉弁護士会）。元簡易裁判所司法委員",
    ),
    (
        "杉山 直樹",
        "すぎやま なおき",
        offices.MAIN,
        panel.LAWYER,
        "弁護士（第二東京弁護士会）。保険会社側代理の経験なし",
    ),
    (
        "高野 修",
        "たかの おさむ",
        offices.MAIN,
        panel.DOCTOR,
        "整形外科医。城東大学医学部附属病院整形外科准教授",
    ),
    ("土屋 恵子", "つちや けいこ", offices.MAIN, panel.DOCTOR, "脳神経外科医。高次脳機能障害の診療20年"),
    ("中川 淳", "なかがわ じゅん", offices.MAIN, panel.DOCTOR, "整形外科医（脊椎外科）。関東労災病院勤務"),
    ("西田 聡", "にしだ さとし", offices.MAIN, panel.DOCTOR, "放射線科医。MRI読影を専門とする"),
    ("野口 美穂", "のぐち みほ", offices.MAIN, panel.DOCTOR, "形成外科医。醜状障害の評価"),
    ("長谷川 徹", "はせがわ とおる", offices.MAIN, panel.DOCTOR, "眼科医。武蔵野医科大学教授"),
    ("平田 昌宏", "ひらた まさひろ", offices.MAIN, panel.DOCTOR, "精神科医。非器質性精神障害の評価"),
    ("福田 陽子", "ふくだ ようこ", offices.MAIN, panel.ACADEMIC, "城北大学法学部教授（民法・不法行為法）"),
    ("松本 健", "まつもと けん", offices.MAIN, panel.ACADEMIC, "東都大学大学院法学研究科教授（保険法）"),
    (
        "村上 亮",
        "むらかみ りょう",
        offices.MAIN,
        panel.ACADEMIC,
        "元損害保険料率算出機構 審査役。自賠責保険制度の研究",
    ),
    ("森 早苗", "もり さなえ", offices.MAIN, panel.ACADEMIC, "明和大学商学部教授（保険論）"),
    ("山口 達也", "やまぐち たつや", offices.MAIN, panel.ACADEMIC, "交通工学研究者。事故解析・工学鑑定"),
    (
        "安藤 和彦",
        "あんどう かずひこ",
        offices.BRANCH,
        panel.LAWYER,
        "弁護士（大阪弁護士会）。交通事故訴訟の実務20年",
    ),
    (
        "井上 奈緒",
        "いのうえ なお",
        offices.BRANCH,
        panel.LAWYER,
        "弁護士（大阪弁護士会）。元大阪地方裁判所調停委員",
    ),
    ("大西 俊介", "おおにし しゅんすけ", offices.BRANCH, panel.LAWYER, "弁護士（京都弁護士会）。損害賠償法"),
    (
        "川村 貴之",
        "かわむら たかゆき",
        offices.BRANCH,
        panel.LAWYER,
        "弁護士（兵庫県弁護士会）。元神戸地方裁判所判事",
    ),
    (
        "北村 純子",
        "きたむら じゅんこ",
        offices.BRANCH,
        panel.LAWYER,
        "弁護士（大阪弁護士会）。交通事故相談センター相談担当",
    ),
    (
        "坂本 浩",
        "さかもと ひろし",
        offices.BRANCH,
        panel.DOCTOR,
        "整形外科医。浪速医科大学附属病院整形外科講師",
    ),
    ("竹内 理恵", "たけうち りえ", offices.BRANCH, panel.DOCTOR, "脳神経内科医。高次脳機能障害の評価"),
    ("藤井 大輔", "ふじい だいすけ", offices.BRANCH, panel.DOCTOR, "整形外科医（手外科）"),
    ("松田 優子", "まつだ ゆうこ", offices.BRANCH, panel.DOCTOR, "放射線科医。画像診断"),
    ("宮本 伸也", "みやもと しんや", offices.BRANCH, panel.ACADEMIC, "関西学芸大学法学部教授（民法）"),
    ("山下 千尋", "やました ちひろ", offices.BRANCH, panel.ACADEMIC, "難波大学商学部准教授（保険論）"),
    ("吉田 啓", "よしだ けい", offices.BRANCH, panel.ACADEMIC, "交通工学研究者。事故解析"),
)

# (name, kind, postcode, address)
ORGANIZATIONS: tuple[tuple[str, str, str, str], ...] = (
    ("あおば損害保険株式会社", Organization.Kind.INSURER, "100-0005", "東京都千代田区丸の内一丁目1番1号"),
    ("東西海上火災保険株式会社", Organization.Kind.INSURER, "103-0027", "東京都中央区日本橋二丁目7番1号"),
    ("さくら日本損害保険株式会社", Organization.Kind.INSURER, "160-0023", "東京都新宿区西新宿一丁目26番1号"),
    (
        "北斗火災海上保険株式会社",
        Organization.Kind.INSURER,
        "541-0041",
        "大阪府大阪市中央区北浜三丁目5番29号",
    ),
    ("みどり損害保険株式会社", Organization.Kind.INSURER, "460-0008", "愛知県名古屋市中区栄二丁目3番6号"),
    ("みのり共済農業協同組合連合会", Organization.Kind.COOP, "102-0093", "東京都千代田区平河町二丁目7番9号"),
    (
        "全国ひまわり労働者共済生活協同組合連合会",
        Organization.Kind.COOP,
        "151-0053",
        "東京都渋谷区代々木二丁目12番10号",
    ),
    ("あけぼの交通共済協同組合", Organization.Kind.COOP, "550-0004", "大阪府大阪市西区靱本町一丁目11番7号"),
    ("丸の内中央法律事務所", Organization.Kind.LAW_FIRM, "100-0005", "東京都千代田区丸の内二丁目2番3号"),
    ("北浜総合法律事務所", Organization.Kind.LAW_FIRM, "541-0041", "大阪府大阪市中央区北浜二丁目1番5号"),
)
INSURER_USER_ORG = "あおば損害保険株式会社"

# (member name, organization, kind, description): CM-05 declarations the panel check reads.
INTERESTS: tuple[tuple[str, str, str, str], ...] = (
    ("青木 正信", "あおば損害保険株式会社", InterestDeclaration.Kind.INSURER, "あおば損害保険の顧問弁護士"),
    ("高野 修", "東西海上火災保険株式会社", InterestDeclaration.Kind.INSURER, "東西海上火災保険の嘱託医"),
    (
        "松本 健",
        "みのり共済農業協同組合連合会",
        InterestDeclaration.Kind.INSURER,
        "みのり共済連の社外有識者委員",
    ),
    (
        "安藤 和彦",
        "北斗火災海上保険株式会社",
        InterestDeclaration.Kind.INSURER,
        "北斗火災海上保険の顧問弁護士",
    ),
    ("坂本 浩", "あけぼの交通共済協同組合", InterestDeclaration.Kind.EMPLOYER, "あけぼの交通共済の顧問医"),
)

SURNAMES = [
    "佐々木",
    "山崎",
    "池田",
    "橋本",
    "阿部",
    "石井",
    "前田",
    "藤田",
    "小川",
    "後藤",
    "岡田",
    "長野",
    "村田",
    "近藤",
    "坂口",
    "遠藤",
    "青山",
    "菅原",
    "太田",
    "原田",
    "中島",
    "小野",
    "田村",
    "竹田",
    "金子",
    "和田",
    "中山",
    "石田",
    "上野",
    "森田",
    "原",
    "柴田",
    "酒井",
    "工藤",
    "横山",
    "宮崎",
    "宮下",
]
GIVEN_NAMES = [
    "大輝",
    "翔太",
    "美咲",
    "陽菜",
    "拓也",
    "彩花",
    "健一",
    "裕子",
    "直人",
    "恵美",
    "隆之",
    "真由美",
    "悠斗",
    "千夏",
    "浩一",
    "明美",
    "大介",
    "幸子",
    "和樹",
    "沙織",
    "剛",
    "由紀",
    "亮太",
    "智子",
    "誠",
    "舞",
    "勇気",
    "綾",
    "修平",
    "香織",
]
ADDRESSES = (
    ("156-0054", "東京都世田谷区桜丘三丁目12番5号"),
    ("330-0063", "埼玉県さいたま市浦和区高砂二丁目4番18号"),
    ("231-0023", "神奈川県横浜市中区山下町31番地1"),
    ("260-0013", "千葉県千葉市中央区中央四丁目8番2号"),
    ("371-0023", "群馬県前橋市本町一丁目5番3号"),
    ("980-0811", "宮城県仙台市青葉区一番町二丁目3番20号"),
    ("950-0087", "新潟県新潟市中央区東大通一丁目7番1号"),
    ("420-0857", "静岡県静岡市葵区御幸町6番地10"),
    ("530-0001", "大阪府大阪市北区梅田一丁目2番2号"),
    ("650-0021", "兵庫県神戸市中央区三宮町二丁目11番1号"),
    ("604-8005", "京都府京都市中京区河原町通三条上る恵比須町427番地"),
    ("700-0901", "岡山県岡山市北区本町6番36号"),
    ("730-0035", "広島県広島市中区本通1番1号"),
    ("812-0011", "福岡県福岡市博多区博多駅前三丁目2番8号"),
    ("860-0806", "熊本県熊本市中央区花畑町4番1号"),
    ("060-0042", "北海道札幌市中央区大通西五丁目8番地"),
)


@dataclasses.dataclass(frozen=True)
class Scenario:
    """An anonymised dispute after the published case examples (事案 → 判断 → 主張)."""

    category: str
    sought: str
    issues: str
    decision: str
    claim: str
    accident: str
    changed_reasons: str
    unchanged_reasons: str


AFTER_EFFECT = Case.Category.AFTER_EFFECT
SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        AFTER_EFFECT,
        "後遺障害等級を非該当から第14級9号に変更することを求める",
        "頚部痛及び右上肢のしびれの残存が「局部に神経症状を残すもの」に該当するか",
        "頚椎捻挫後の頚部痛等について、画像上明らかな異常所見がなく、治療経過からも将来においても回復が困難と見込まれる障害とは捉え難いとして非該当",
        "事故直後から一貫して頚部痛と右上肢のしびれを訴え、約7か月間週3回の通院を継続した。症状固定時にも症状が残存しており、第14級9号に該当する",
        "信号待ちで停車中、後続の普通乗用自動車に追突された",
        "受傷態様、治療経過及び症状の推移に一貫性が認められ、神経学的所見とも整合することから、第14級9号に該当すると判断した",
        "自覚症状を裏付ける客観的な医学的所見に乏しく、通院頻度も症状固定前に減少していることから、非該当とした判断は妥当である",
    ),
    Scenario(
        AFTER_EFFECT,
        "後遺障害等級を非該当から第14級9号に変更することを求める",
        "腰部痛及び左下肢のしびれの残存が後遺障害に該当するか",
        "腰椎捻挫後の腰部痛について、画像上の異常所見がなく、医学的に説明可能な症状とは捉え難いとして非該当",
        "事故後、腰部痛で約8か月間治療を継続し、現在も長時間の座位が困難である。神経症状は残存している",
        "交差点を直進中、右方から一時停止を無視して進入した軽貨物自動車に衝突された",
        "事故態様が相応に強く、治療経過に照らし症状の残存は医学的に説明可能であるから、第14級9号に該当すると判断した",
        "提出された画像及び診断書から神経学的異常所見が認められず、非該当とした判断は妥当である",
    ),
    Scenario(
        AFTER_EFFECT,
        "後遺障害等級を第14級9号から第12級13号に変更することを求める",
        "右肩の疼痛が「局部に頑固な神経症状を残すもの」に該当するか",
        "右肩の疼痛について、将来においても回復が困難と見込まれる障害として第14級9号を認定",
        "MRIで腱板損傷が確認されており、画像所見により症状が医学的に証明されているから第12級13号に該当する",
        "自転車で走行中、左折する普通貨物自動車に巻き込まれ転倒した",
        "事故直後のMRIで外傷性の腱板断裂が確認され、症状が他覚的に証明されていることから、第12級13号に該当すると判断した",
        "MRIで認められる所見は経年性の変化と判断され、外傷による器質的損傷とは認められないため、第14級9号とした判断は妥当である",
    ),
    Scenario(
        AFTER_EFFECT,
        "後遺障害等級を非該当から第12級7号に変更することを求める",
        "右膝関節の可動域制限が「一下肢の三大関節中の一関節の機能に障害を残すもの」に該当するか",
        "右膝関節の可動域制限について、これを裏付ける器質的損傷が認められないとして非該当",
        "右脛骨高原骨折の手術後、右膝の屈曲が健側の3/4以下に制限されている",
        "横断歩道を歩行中、右折してきた普通乗用自動車に衝突された",
        "骨折後の関節面の不整が画像上認められ、可動域制限の原因として医学的に説明できることから、第12級7号に該当すると判断した",
        "骨癒合は良好で関節面の不整も認められず、可動域制限を裏付ける器質的損傷が認められないため、非該当とした判断は妥当である",
    ),
    Scenario(
        AFTER_EFFECT,
        "後遺障害等級を第9級10号から第7級4号に変更することを求める",
        "高次脳機能障害の程度が「軽易な労務以外の労務に服することができないもの」に該当するか",
        "外傷性脳損傷による高次脳機能障害について、第9級10号を認定",
        "記憶障害と易疲労性のため復職できず、日常生活にも家族の声掛けが必要である",
        "原動機付自転車で走行中、対向車線からはみ出した普通乗用自動車と正面衝突した",
        "神経心理学的検査の結果及び日常生活状況報告から、就労能力の喪失の程度は第7級4号に相当すると判断した",
        "神経心理学的検査の結果は軽度の低下にとどまり、第9級10号とした判断は妥当である",
    ),
    Scenario(
        AFTER_EFFECT,
        "後遺障害等級を非該当から第12級14号に変更することを求める",
        "顔面の線状痕が「外貌に醜状を残すもの」に該当するか",
        "顔面の線状痕の長さが3センチメートルに達しないとして非該当",
        "左頬に長さ3.5センチメートルの線状痕が残っており、人目につく程度である",
        "助手席に同乗中、運転者が運転操作を誤り電柱に衝突した",
        "面接調査の結果、線状痕の長さは3センチメートル以上であり、人目につく程度であることから第12級14号に該当すると判断した",
        "面接調査の結果、線状痕の長さは2.6センチメートルで、非該当とした判断は妥当である",
    ),
    Scenario(
        AFTER_EFFECT,
        "後遺障害等級を第14級9号から第12級6号に変更することを求める",
        "右手関節の可動域制限（TFCC損傷）が機能障害に該当するか",
        "右手関節痛について第14級9号を認定し、可動域制限は器質的損傷によるものとは認められないとした",
        "右手関節のTFCC損傷が関節鏡で確認されており、可動域は健側の3/4以下に制限されている",
        "バイクで走行中、進路変更してきた普通貨物自動車と接触し転倒した",
        "関節鏡所見により外傷性のTFCC損傷が確認され、可動域制限の原因として医学的に説明できることから第12級6号に該当すると判断した",
        "可動域制限の程度は健側の3/4を超えており、第14級9号とした判断は妥当である",
    ),
    Scenario(
        AFTER_EFFECT,
        "後遺障害等級を第14級9号から併合第12級に変更することを求める",
        "右肩関節の機能障害と頚部の神経症状を併合して評価すべきか",
        "頚部痛について第14級9号を認定し、右肩関節の機能障害は非該当",
        "右鎖骨骨折後に右肩関節の可動域が制限されており、頚部の神経症状と併せて併合第12級となる",
        "自転車で交差点を横断中、左方から進入した普通乗用自動車に衝突された",
        "右鎖骨骨折の変形癒合による右肩関節の可動域制限を第12級6号と評価し、頚部の神経症状と併せて併合第12級と判断した",
        "右肩関節の可動域制限は健側の3/4を超えており、第14級9号とした判断は妥当である",
    ),
)
OTHER_SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        Case.Category.LIABILITY,
        "自賠責保険金を支払わないとした判断（無責）の変更を求める",
        "被保険者に運行供用者責任が認められるか（有無責）",
        "事故は申請人が停止中の被保険自動車に自ら衝突したもので、被保険者に過失がないとして無責",
        "被保険自動車は車線変更の途中で停止しておらず、申請人の自転車の進路を妨害した",
        "自転車で車道左側を走行中、車線変更してきた普通乗用自動車と接触した",
        "ドライブレコーダーの映像から被保険自動車の車線変更と接触の関係が認められ、無責とした判断は変更すべきと判断した",
        "ドライブレコーダーの映像から被保険自動車は停止していたと認められ、無責とした判断は妥当である",
    ),
    Scenario(
        Case.Category.CAUSATION,
        "腰椎椎間板ヘルニアと事故との因果関係を否定した判断の変更を求める",
        "事故と腰椎椎間板ヘルニアによる症状との間に相当因果関係があるか",
        "腰椎椎間板ヘルニアは経年性の変性によるもので事故との因果関係は認められない",
        "事故前に腰部の症状で受診したことはなく、事故直後から下肢痛が生じている",
        "駐車場内で後退してきた普通乗用自動車に衝突された",
        "事故前の既往がなく症状の発現時期も事故に近接することから、相当因果関係を認めるべきと判断した",
        "画像上の変性所見は経年性のもので、症状の発現も事故から2か月後であり、因果関係を否定した判断は妥当である",
    ),
    Scenario(
        Case.Category.DEATH,
        "死亡と事故との因果関係を否定した判断の変更を求める",
        "事故から3か月後の死亡と事故との因果関係",
        "死因は既往の心疾患によるもので、事故との因果関係は認められない",
        "事故による入院で寝たきりとなり、肺炎を発症して死亡したもので事故との因果関係がある",
        "歩行中、後退してきた普通貨物自動車に衝突され転倒し大腿骨を骨折した",
        "大腿骨骨折による長期臥床が肺炎の原因となったと認められ、事故との因果関係を認めるべきと判断した",
        "死亡診断書及び診療録から死因は既往の心疾患の増悪と認められ、因果関係を否定した判断は妥当である",
    ),
    Scenario(
        Case.Category.REDUCTION,
        "重大な過失による減額（2割）をしないことを求める",
        "被害者に重大な過失があるか",
        "被害者が赤信号を無視して横断したとして、重大な過失による2割減額",
        "横断を開始した時点では歩行者用信号は青色点滅であり、重大な過失はない",
        "夜間、信号機のある交差点の横断歩道を横断中、右折してきた普通乗用自動車に衝突された",
        "信号サイクル表と目撃者の供述から横断開始時は青色点滅であったと認められ、減額しないのが相当と判断した",
        "刑事記録から横断開始時に歩行者用信号は赤色であったと認められ、2割減額とした判断は妥当である",
    ),
    Scenario(
        Case.Category.INJURY,
        "整骨院での施術費を損害と認めなかった判断の変更を求める",
        "整骨院での施術費が必要かつ相当な損害に当たるか",
        "医師の指示がなく施術の必要性が認められないとして整骨院の施術費を不支払",
        "主治医から施術を受けることについて同意を得ており、施術により症状は改善した",
        "交差点で信号待ち中、後続の普通乗用自動車に追突された",
        "診療録に主治医の同意が記載されており、施術費は必要かつ相当な損害と認めるべきと判断した",
        "主治医の同意は確認できず、施術の必要性が認められないとした判断は妥当である",
    ),
)

# State → (how many cases, received this many calendar days ago: low, high).
PLAN: dict[CaseState, tuple[int, int, int]] = {
    CaseState.RECEIVED: (4, 1, 9),
    CaseState.SCREENING: (5, 10, 30),
    CaseState.ACCEPTED: (5, 25, 45),
    CaseState.REFUSED: (4, 40, 420),
    CaseState.UNDER_REVIEW: (10, 60, 200),
    CaseState.RESULT_NOTIFIED: (5, 105, 135),
    CaseState.CLOSED: (12, 170, 590),
    CaseState.TERMINATED: (2, 100, 500),
    CaseState.WITHDRAWN: (3, 30, 400),
}
REFUSAL_GROUNDS = ("R5-1-1", "R5-1-8", "R5-1-9", "R5-1-2")
TERMINATION_REASONS = (
    "申請人が同一の事案について訴訟を提起したため（規程第5条第1項第2号に該当）",
    "当事者双方の主張が大きく隔たり、紛争処理による解決の見込みがないため",
)


def password_for(role: str) -> str:
    return f"demo-{role}-2026"


@dataclasses.dataclass
class Loaded:
    cases: int
    members: int
    token: str = ""


def logins() -> list[tuple[str, str, str]]:
    """(role label, username, password) of the demo users."""
    return [(r.label, r.value, password_for(r.value)) for r in Role]


def insurer_token_issue() -> str:
    """A fresh API token for the demo insurer user: tokens are stored hashed, so a lost one can only
    be replaced. Raises ``User.DoesNotExist`` when the database holds no demo data."""
    user = User.objects.get(username=Role.INSURER.value, profile__role=Role.INSURER)
    # Through the service, so the demo's token is on the audit log like any other (IM-01).
    _, token = token_issue(actor=None, username=user.username, name="デモ用トークン")
    return token


@contextlib.contextmanager
def _clock(day: dt.date, hour: int = 10) -> Iterator[None]:
    """Replay a step at its own date: the services, the records' timestamps and the deadlines all
    read ``chotei.clock``, so the case, its ledger, audit and notices are dated together."""
    moment = dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))
    with clock.replaying_at(moment):
        yield


def _reference_data() -> tuple[dict[str, Organization], dict[str, Party]]:
    orgs: dict[str, Organization] = {}
    org_parties: dict[str, Party] = {}
    for name, kind, postcode, address in ORGANIZATIONS:
        org = Organization.objects.create(name=name, kind=kind, postcode=postcode, address=address)
        orgs[name] = org
        org_parties[name] = Party.objects.create(
            kind=Party.Kind.ORGANIZATION, name=name, postcode=postcode, address=address, organization=org
        )
    commissioned = dt.date(2024, 7, 1)
    # CM-02: the board meeting that chose them, so the roster's next requests and ratifications
    # have a meeting before them to count from.
    BoardMeeting.objects.create(held_on=dt.date(2024, 6, 20), name="令和6年度第1回定例理事会", kind="regular")
    members = {
        name: CommitteeMember(
            name=name,
            name_kana=kana,
            office=office,
            qualification=qual,
            career=career,
            commissioned_on=commissioned,
        )
        for name, kana, office, qual, career in MEMBERS
    }
    CommitteeMember.objects.bulk_create(members.values())
    InterestDeclaration.objects.bulk_create(
        InterestDeclaration(
            member=members[member],
            organization=orgs[org],
            kind=kind,
            description=text,
            declared_on=commissioned,
        )
        for member, org, kind, text in INTERESTS
    )
    return orgs, org_parties


def _users(orgs: dict[str, Organization]) -> dict[str, User]:
    users: dict[str, User] = {}
    for role in Role:
        user = User.objects.create_user(username=role.value, password=password_for(role.value))
        StaffProfile.objects.create(
            user=user, role=role, organization=orgs[INSURER_USER_ORG] if role == Role.INSURER else None
        )
        if role == Role.ADMIN:
            # IM-02: no one holds every privilege; the administrator keeps accounts only.
            account_administration_grant(user)
        users[role.value] = user
    return users


@dataclasses.dataclass
class _CasePlan:
    state: CaseState
    received: dt.date
    scenario: Scenario
    office: str
    respondent: str
    applicant: tuple[str, str, str]  # name, postcode, address
    agent: bool
    index: int


def _plans(rng: random.Random, today: dt.date) -> list[_CasePlan]:
    plans: list[_CasePlan] = []
    names = rng.sample(
        [f"{s} {g}" for s in SURNAMES for g in GIVEN_NAMES], sum(n for n, _, _ in PLAN.values())
    )
    insurers = [n for n, k, _, _ in ORGANIZATIONS if k in (Organization.Kind.INSURER, Organization.Kind.COOP)]
    i = 0
    for state, (count, low, high) in PLAN.items():
        for _ in range(count):
            # About 9 in 10 applications are about after-effect grades (domain notes).
            scenario = rng.choice(OTHER_SCENARIOS) if i % 10 == 9 else rng.choice(SCENARIOS)
            postcode, address = rng.choice(ADDRESSES)
            # Osaka takes about a quarter of the cases, mostly from Kansai.
            office = offices.BRANCH if postcode[0] in "56" and rng.random() < 0.9 else offices.MAIN
            plans.append(
                _CasePlan(
                    state=state,
                    received=_business_day_on_or_before(today - dt.timedelta(days=rng.randint(low, high))),
                    scenario=scenario,
                    office=office,
                    respondent=insurers[0] if i % 4 == 0 else rng.choice(insurers),
                    applicant=(names[i], postcode, address),
                    agent=rng.random() < 0.3,
                    index=i,
                )
            )
            i += 1
    return sorted(plans, key=lambda p: (p.received, p.index))


def _business_day_on_or_before(d: dt.date) -> dt.date:
    while not calendar.is_business_day(d):
        d -= dt.timedelta(days=1)
    return d


class _Replay:
    """Drives one case through the services, each step on its own (business) day."""

    def __init__(self, plan: _CasePlan, users: dict[str, User], today: dt.date, rng: random.Random) -> None:
        self.plan, self.users, self.today, self.rng = plan, users, today, rng
        self.staff = users[Role.SECRETARIAT]
        self.day = plan.received
        self.case_id = 0

    def after(self, business_days: int) -> dt.date:
        self.day = min(calendar.add_business_days(self.day, business_days), self.today)
        return self.day

    def v(self) -> int:
        return int(Case.objects.values_list("version", flat=True).get(pk=self.case_id))

    def step(self, business_days: int, fn: Callable[[], Any], hour: int = 10) -> Any:
        with _clock(self.after(business_days), hour):
            return fn()

    def receive(self, org_parties: dict[str, Party]) -> None:
        p, s = self.plan, self.plan.scenario
        name, postcode, address = p.applicant
        respondent = org_parties[p.respondent]
        decided = calendar.add_business_days(p.received - dt.timedelta(days=75), 1)
        accident = p.received - dt.timedelta(days=300 + self.rng.randint(0, 200))
        agent = None
        if p.agent:
            firm = "北浜総合法律事務所" if p.office == offices.BRANCH else "丸の内中央法律事務所"
            firm_party = org_parties[firm]
            agent = PartyInput(
                name=f"弁護士 {self.rng.choice(SURNAMES)} {self.rng.choice(GIVEN_NAMES)}（{firm}）",
                address=firm_party.address,
                postcode=firm_party.postcode,
                organization_id=firm_party.organization_id,
            )
        data = ApplicationInput(
            applicant=PartyInput(name=name, address=address, postcode=postcode),
            respondent=PartyInput(
                name=respondent.name,
                address=respondent.address,
                party_id=respondent.pk,
                kind=Party.Kind.ORGANIZATION,
            ),
            applicant_role="victim",
            respondent_role="coop" if "共済" in respondent.name else "insurer",
            category=s.category,
            channel=Case.Channel.ONLINE if p.index % 3 == 0 else Case.Channel.POST,
            office=p.office,
            applied_on=p.received - dt.timedelta(days=2),
            matters_sought=s.sought,
            issues=s.issues,
            negotiation_history=(
                f"{to_wareki(decided)}付で{respondent.name}から「{s.decision}」との通知を受けた。"
                "同社に異議申立てを行ったが、判断は変わらなかった"
            ),
            claim=s.claim,
            accident_summary=f"{to_wareki(accident)}、{s.accident}",
            accident_date=accident,
            other_bodies="なし" if p.index % 5 else "日弁連交通事故相談センターで法律相談を受けた",
            decision_notified_on=decided,
            applicant_agent=agent,
            received_on=p.received,
        )
        with _clock(p.received, 11):
            self.case_id = case_receive(actor=self.staff, data=data).pk

    def screen(self) -> None:
        self.step(
            1,
            lambda: lifecycle.case_start_screening(actor=self.staff, case_id=self.case_id, version=self.v()),
        )

    def accept(self) -> None:
        self.step(8, lambda: lifecycle.case_accept(actor=self.staff, case_id=self.case_id, version=self.v()))

    def refuse(self) -> None:
        ground = REFUSAL_GROUNDS[self.plan.index % len(REFUSAL_GROUNDS)]
        self.step(
            6,
            lambda: lifecycle.case_refuse(
                actor=self.staff, case_id=self.case_id, version=self.v(), ground_code=ground
            ),
        )

    def appoint(self) -> list[int]:
        chair = self.users[Role.CHAIR]
        proposal = panels.panel_suggest(case_id=self.case_id)[0]
        ids = [m.id for m in proposal.members]
        self.step(
            5,
            lambda: panels.panel_appoint(
                actor=chair,
                case_id=self.case_id,
                version=self.v(),
                member_ids=ids,
                chief_id=proposal.chief.id,
            ),
        )
        return ids

    def materials(self) -> None:
        """The respondent's statement by post, the applicant's evidence uploaded, a request."""
        staff, case_id = self.staff, self.case_id
        self.step(
            4,
            lambda: proceedings.submission_record(
                actor=staff,
                case_id=case_id,
                side=CaseParty.Side.RESPONDENT,
                kind=Submission.Kind.STATEMENT,
                channel=Submission.Channel.POST,
                title="答弁書",
                postal_receipt=f"簡易書留 {self.rng.randint(1000, 9999)}-{self.rng.randint(1000, 9999)}-{self.rng.randint(1000, 9999)}",
            ),
        )
        self.step(
            2,
            lambda: proceedings.submission_record(
                actor=staff,
                case_id=case_id,
                side=CaseParty.Side.APPLICANT,
                kind=Submission.Kind.EVIDENCE,
                channel=Submission.Channel.UPLOAD,
                title="後遺障害診断書（写し）",
                file_name="後遺障害診断書（写し）.txt",
                content="後遺障害診断書（写し）— デモ用の内容".encode(),
                content_type="text/plain; charset=utf-8",
            ),
        )
        if self.plan.index % 3 == 0:
            req = self.step(
                1,
                lambda: proceedings.insurer_request_create(
                    actor=staff,
                    case_id=case_id,
                    request="損害保険料率算出機構の調査結果及び画像資料一式の提出を求める",
                ),
            )
            self.step(
                6,
                lambda: proceedings.insurer_request_answer(
                    actor=staff, request_id=req.pk, answer="調査結果の写し及び画像CD-R 2枚を提出する"
                ),
            )

    def special_procedure(self) -> None:
        """鑑定 with its cost charged to the applicant (DP-13, 令26条), entered in the ledger."""
        proc = self.step(
            2,
            lambda: proceedings.special_procedure_request(
                actor=self.staff,
                case_id=self.case_id,
                kind="医学的鑑定",
                requested_by=CaseParty.Side.APPLICANT,
                reason="画像所見の評価について専門医の鑑定を求める",
            ),
        )
        self.step(
            5,
            lambda: proceedings.special_procedure_decide(
                actor=self.staff,
                procedure_id=proc.pk,
                approve=True,
                chief_id=PanelSeat.objects.get(case_id=self.case_id, is_chief=True).member_id,
                cost_yen=55000,
                charged_to=CaseParty.Side.APPLICANT,
            ),
        )

    def meeting(self, ids: list[int], *, record: bool) -> bool:
        place = "本部 第1会議室" if self.plan.office == offices.MAIN else "大阪支部 会議室"
        held = calendar.add_business_days(self.day, 20)
        meeting = self.step(
            3,
            lambda: panels.meeting_schedule(
                actor=self.staff,
                case_id=self.case_id,
                place=place,
                scheduled_for=dt.datetime.combine(held, dt.time(14), tzinfo=ZoneInfo(settings.TIME_ZONE)),
            ),
        )
        if not record or held > self.today:
            return False
        self.day = held
        with _clock(held, 17):
            panels.meeting_record(
                actor=self.staff,
                meeting_id=meeting.pk,
                present_member_ids=ids,
                minutes=f"書面審査を行い、争点（{self.plan.scenario.issues}）について合議した。",
            )
        return True

    def result(self) -> None:
        changed = self.plan.index % 7 == 3  # historic 変更 rates are low (domain notes)
        s = self.plan.scenario
        self.step(
            3,
            lambda: lifecycle.case_record_result(
                actor=self.staff,
                case_id=self.case_id,
                version=self.v(),
                result=Case.Result.CHANGED if changed else Case.Result.UNCHANGED,
                reasons=s.changed_reasons if changed else s.unchanged_reasons,
            ),
        )

    def run(self, org_parties: dict[str, Party]) -> None:
        state = self.plan.state
        self.receive(org_parties)
        if state == CaseState.RECEIVED:
            return
        self.screen()
        if state == CaseState.SCREENING:
            return
        if state == CaseState.REFUSED:
            return self.refuse()
        if state == CaseState.WITHDRAWN:
            if self.plan.index % 2:
                self.accept()
            self.step(
                4, lambda: lifecycle.case_withdraw(actor=self.staff, case_id=self.case_id, version=self.v())
            )
            return
        self.accept()
        if state == CaseState.ACCEPTED:
            return
        ids = self.appoint()
        self.materials()
        if self.plan.index % 6 == 1:
            self.special_procedure()
        if state == CaseState.TERMINATED:
            reason = TERMINATION_REASONS[self.plan.index % 2]
            self.step(
                10,
                lambda: lifecycle.case_terminate(
                    actor=self.staff, case_id=self.case_id, version=self.v(), reason=reason
                ),
            )
            return
        recorded = self.meeting(ids, record=state != CaseState.UNDER_REVIEW or self.plan.index % 2 == 0)
        if state == CaseState.UNDER_REVIEW:
            return
        if not recorded:
            raise RuntimeError(f"{self.plan} needs an earlier receipt date to reach a result")
        self.result()
        if self.plan.index % 4 == 0:
            self.step(
                5,
                lambda: lifecycle.case_explain_result(
                    actor=self.staff, case_id=self.case_id, version=self.v(), side=CaseParty.Side.APPLICANT
                ),
            )
        if state == CaseState.CLOSED:
            self.step(
                15, lambda: lifecycle.case_close(actor=self.staff, case_id=self.case_id, version=self.v())
            )


def load(today: dt.date | None = None) -> Loaded:
    """Create the whole data set in an empty database; returns what was made and the API token."""
    today = today or timezone.localdate()
    rng = random.Random(SEED)  # noqa: S311 — reproducible demo data, not a secret
    orgs, org_parties = _reference_data()
    users = _users(orgs)
    for plan in _plans(rng, today):
        _Replay(plan, users, today, rng).run(org_parties)
    # The member user is the member who sits on the most panels, so "my cases" is not empty.
    busiest = CommitteeMember.objects.annotate(n=Count("seats")).order_by("-n", "id").first()
    StaffProfile.objects.filter(user=users[Role.MEMBER]).update(member=busiest)
    return Loaded(
        cases=Case.objects.count(), members=CommitteeMember.objects.count(), token=insurer_token_issue()
    )
